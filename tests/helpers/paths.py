"""Where things are, for every test: the repository and the folder of screenshots."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
ARTIFACTS = ROOT / "test-artifacts"
