"""The container image every task runs in: flyte/Dockerfile (see docs/flyte.md, "Image")."""

from __future__ import annotations

import os
from pathlib import Path

import flyte

DOCKERFILE = Path(__file__).resolve().parents[1] / "Dockerfile"

#: Built from flyte/Dockerfile by `flyte build`/`flyte deploy` on a machine with Docker and pushed
#: to `$ORATOR_FLYTE_REGISTRY` (default: the sandbox's registry).
IMAGE = flyte.Image.from_dockerfile(DOCKERFILE, registry=os.environ.get("ORATOR_FLYTE_REGISTRY", "localhost:30000"),
                                    name="orator-flyte")
