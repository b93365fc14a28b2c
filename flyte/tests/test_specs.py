"""Serialization without a cluster: every task's spec with its image, resources, retries,
timeout and cache version, from `flyte.deploy(env, dry_run=True)`; and the cache versions
kept equal to Orator's stage versions in the Swift sources."""

from __future__ import annotations

import re

import flyte
import pytest
from flyteidl2.core.tasks_pb2 import Resources

from orator_flyte.binary import REPOSITORY
from orator_flyte.stages import STAGE_VERSIONS, cache_version

EXPECTED = {  # task: (cpu, memory, retries, cached stage)
    "orator-speak.speak": ("1", "1Gi", 0, "speak"),
    "orator-lipsync.lipsync": ("1", "1Gi", 0, "lipsync"),
    "orator-motion.motion": ("1", "512Mi", 0, "motion"),
    "orator-face.face": ("1", "1Gi", 0, "face"),
    "orator-render.render": ("2", "2Gi", 2, "render"),
    "orator-audio.audio": ("1", "512Mi", 0, "audio"),
    "orator-encode.encode": ("1", "1Gi", 2, "encode"),
    "orator-mix.mix": ("1", "1Gi", 0, "mix"),
    "orator-scene.scene": ("1", "1Gi", 0, "scene"),
    "orator-render.scene_render": ("2", "2Gi", 2, "scene-render"),
    "orator-workflows.talking_head": ("1", "512Mi", 0, None),
    "orator-workflows.episode": ("1", "512Mi", 0, None),
    "orator-workflows.animate": ("1", "512Mi", 0, None),
    "orator-workflows.batch": ("1", "512Mi", 0, None),
}


@pytest.fixture(scope="module")
def specs(tmp_path_factory: pytest.TempPathFactory) -> dict:
    home = tmp_path_factory.mktemp("deploy-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(home))
        patch.setenv("TMPDIR", str(home))
        flyte.init(endpoint="dns:///localhost:8090", insecure=True, project="orator", domain="development",
                   root_dir=REPOSITORY / "flyte")
        from orator_flyte.workflows import workflow_env

        deployment = flyte.deploy(workflow_env, dry_run=True, version="dry-run")[0]
    found = {}
    for environment in deployment.envs.values():
        for entity in environment.deployed_entities:
            template = entity.deployed_task.task_template
            found[template.id.name] = template
    return found


def test_every_task_serializes_with_image_resources_retries_and_cache(specs: dict) -> None:
    assert set(specs) == set(EXPECTED)
    images = {template.container.image for template in specs.values()}
    assert len(images) == 1 and images.pop().startswith("localhost:30000/orator-flyte:")
    for name, (cpu, memory, retries, stage) in EXPECTED.items():
        template = specs[name]
        requests = {Resources.ResourceName.Name(entry.name): entry.value for entry in template.container.resources.requests}
        assert requests == {"CPU": cpu, "MEMORY": memory}, name
        assert template.metadata.retries.retries == retries, name
        assert template.metadata.timeout.seconds > 0, name
        if stage is None:
            assert not template.metadata.discoverable, name
        else:
            assert template.metadata.discoverable, name
            assert template.metadata.discovery_version == cache_version(stage), name


def test_cache_versions_follow_the_swift_stage_versions() -> None:
    pipeline = REPOSITORY / "Sources" / "OratorPipeline"
    found = {}
    for source in [*(pipeline / "Stages").glob("*Stage.swift"), *(pipeline / "Episode").glob("*Stage.swift")]:
        text = source.read_text()
        name = re.search(r'static let name = "(\w+)"', text)
        version = re.search(r"static let version = (\d+)", text)
        if source.name == "SceneRenderStage.swift" and version:
            found["scene-render"] = int(version.group(1))  # keyed under RenderStage's name in Orator's cache
        elif name and version:
            found[name.group(1)] = int(version.group(1))
    assert set(STAGE_VERSIONS) <= set(found), found
    assert {stage: found[stage] for stage in STAGE_VERSIONS} == STAGE_VERSIONS
