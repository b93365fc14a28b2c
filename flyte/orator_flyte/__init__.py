"""Orator's stages as Flyte 2 tasks.

Every task runs one `orator stage ...` command of the `orator` binary; nothing here
reimplements a stage. See docs/flyte.md.
"""

from orator_flyte.binary import OratorNotFound, find_orator
from orator_flyte.stages import STAGE_VERSIONS, OratorStageError

__all__ = ["OratorNotFound", "OratorStageError", "STAGE_VERSIONS", "find_orator"]
