"""vienalign: Vietnamese-English sentence splitting, parallel-text alignment and TMX output."""

from .errors import VienalignError
from .types import Alignment, Bead, Sentence

__version__ = "0.1.0"

__all__ = ["Alignment", "Bead", "Sentence", "VienalignError", "__version__"]
