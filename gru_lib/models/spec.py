"""What to build: a recurrent model in a few settings, shared by models and experiments."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from gru_lib import checks

__all__ = ["ACTIVATIONS", "LAYER_NAMES", "ModelSpec", "OPTIMIZER_NAMES"]

# The names a spec may use. They live here, free of TensorFlow, so that the command line can list
# them in --help without importing it; gru_lib.models.build maps each name to its Keras object.
LAYER_NAMES = ("simple_rnn", "gru", "lstm", "scratch_gru", "min_gru")
ACTIVATIONS = ("tanh", "relu", "sigmoid", "linear")
OPTIMIZER_NAMES = ("adam", "rmsprop", "sgd")


@dataclass(frozen=True)
class ModelSpec:
    """A recurrent model: ``layers`` recurrent layers of ``units`` each, then a dense head.

    ``layer`` is one of :data:`LAYER_NAMES` (its factory is in
    :data:`gru_lib.models.build.RECURRENT_LAYERS`); ``options`` are extra
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
        # Validated once, here: everything downstream (build_model, the engine) trusts a spec.
        checks.one_of(self.layer, "layer", LAYER_NAMES)
        checks.integer(self.units, "units")
        checks.one_of(self.activation, "activation", ACTIVATIONS)
        checks.one_of(self.optimizer, "optimizer", OPTIMIZER_NAMES)
        checks.positive_number(self.learning_rate, "learning_rate")
        if self.clipnorm is not None:
            checks.positive_number(self.clipnorm, "clipnorm")
        checks.instance(self.label, "label", str)
        checks.integer(self.layers, "layers")
        checks.flag(self.bidirectional, "bidirectional")
        if not isinstance(self.options, tuple) or not all(
            isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[0], str)
            for pair in self.options
        ):
            raise checks.expected("options", "a tuple of (name, value) pairs", self.options)
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
