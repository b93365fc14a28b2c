"""Orator's stages as Flyte 2 tasks.

Every task runs one `orator stage ...` command of the `orator` binary; nothing here
reimplements a stage. Modules: `tasks` (one task per stage), `workflows` (talking_head,
animate, batch), `cli` (`python -m orator_flyte run ...`). See docs/flyte.md.
"""
