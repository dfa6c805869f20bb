"""What to build: a recurrent model in a few settings, shared by models and experiments."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from gru_lib import checks

__all__ = ["ModelSpec"]


@dataclass(frozen=True)
class ModelSpec:
    """A recurrent model: ``layers`` recurrent layers of ``units`` each, then a dense head.

    ``layer`` names a factory in :data:`gru_lib.models.RECURRENT_LAYERS`; ``options`` are extra
    keyword arguments for it, as ``(name, value)`` pairs so the spec stays hashable, for example
    ``(("unit_forget_bias", False),)``. ``clipnorm`` clips each gradient's norm on its own;
    ``global_clipnorm`` clips all gradients together by their global norm (set one or neither).
    ``bidirectional`` wraps each recurrent layer in
    ``keras.layers.Bidirectional``. ``label`` names the model in tables and legends; by default
    ``"gru (32)"`` and the like.

    >>> ModelSpec(layer="lstm", units=8).name
    'lstm (8)'
    >>> ModelSpec(units=8, layers=2, bidirectional=True).name
    'bidirectional gru (8) x 2'
    """

    layer: str = "gru"
    units: int = 32
    activation: str = "tanh"
    optimizer: str = "adam"
    learning_rate: float = 1e-3
    clipnorm: float | None = None
    label: str = ""
    layers: int = 1
    bidirectional: bool = False
    options: tuple[tuple[str, object], ...] = ()
    global_clipnorm: float | None = None

    def __post_init__(self) -> None:
        checks.text(self.layer, "layer")
        checks.integer(self.units, "units")
        checks.text(self.activation, "activation")
        checks.text(self.optimizer, "optimizer")
        checks.positive_number(self.learning_rate, "learning_rate")
        if self.clipnorm is not None:
            checks.positive_number(self.clipnorm, "clipnorm")
        checks.instance(self.label, "label", str)
        checks.integer(self.layers, "layers")
        checks.flag(self.bidirectional, "bidirectional")
        checks.instance(self.options, "options", tuple)
        if self.global_clipnorm is not None:
            checks.positive_number(self.global_clipnorm, "global_clipnorm")
            if self.clipnorm is not None:
                raise checks.invalid(
                    "global_clipnorm",
                    f"Set clipnorm or global_clipnorm, not both; got clipnorm={self.clipnorm} "
                    f"and global_clipnorm={self.global_clipnorm}.",
                )

    @property
    def name(self) -> str:
        if self.label:
            return self.label
        name = f"{self.layer} ({self.units})"
        if self.bidirectional:
            name = f"bidirectional {name}"
        return name if self.layers == 1 else f"{name} x {self.layers}"

    def build_kwargs(self) -> dict:
        """Every setting but ``label``: what decides the architecture and its training."""
        kwargs = asdict(self)
        kwargs.pop("label")
        return kwargs
