"""What the book reads off trained models: statistics over seeds and the verdicts they support."""

__all__: list[str] = []
