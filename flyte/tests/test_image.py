"""The image cannot be built here (no Docker daemon): check what can be checked. Every shared
library `ldd` lists for the release binary comes from a package the Dockerfile's runtime stage
installs (directly or as apt pulls in its dependencies) or from a file it copies; and every
package it installs is needed, by a library or as data the binary reads."""

from __future__ import annotations

import fnmatch
import re
import subprocess
from pathlib import Path

from orator_flyte.binary import REPOSITORY

DOCKERFILE = REPOSITORY / "flyte" / "Dockerfile"
#: Packages installed for what they hold besides libraries, with the reason.
DATA_PACKAGES = {
    "ffmpeg": "the ffmpeg executable Orator runs for encoding and decoding",
    "espeak-ng-data": "the built-in voice's phoneme data",
    "fonts-dejavu-core": "the built-in presenter's and captions' font",
    "libdlib-data": "the 68-point face landmark model for photos",
    "pocketsphinx-en-us": "the English acoustic model for lip sync from recordings",
    "fluid-soundfont-gm": "the General MIDI SoundFont (FluidR3_GM) composed music beds are played with",
    "python3": "Flyte's task runtime",
    "python3-venv": "the virtual environment Flyte and orator_flyte are installed in",
    "ca-certificates": "TLS to the object store and the Flyte control plane",
}


def runtime_stage() -> str:
    text = DOCKERFILE.read_text()
    start = text.index("AS runtime")
    return text[start:]


def runtime_packages() -> set[str]:
    stage = runtime_stage().replace("\\\n", " ")
    command = re.search(r"apt-get install ([^&]*)", stage)
    assert command, "no apt-get install in the runtime stage"
    return {word for word in command.group(1).split() if not word.startswith("-")}


def copied_sources() -> list[str]:
    sources = []
    for line in runtime_stage().splitlines():
        if line.startswith("COPY --from=build "):
            sources += line.split()[2:-1]
    return sources


def dependency_closure(packages: set[str]) -> set[str]:
    """What `apt-get install --no-install-recommends PACKAGES` brings in (Depends and PreDepends)."""
    output = subprocess.run(["apt-cache", "depends", "--recurse", "--no-recommends", "--no-suggests", "--no-conflicts",
                             "--no-breaks", "--no-replaces", "--no-enhances", *sorted(packages)],
                            check=True, capture_output=True, text=True).stdout
    return {line.strip() for line in output.splitlines() if line and not line.startswith(" ") and not line.startswith("<")}


def owning_packages(libraries: list[Path]) -> dict[Path, str]:
    """The Debian package of each library (dpkg knows /usr/lib paths; ldd may print /lib ones)."""
    candidates = {}
    for library in libraries:
        for path in (library, library.resolve()):
            candidates[str(path)] = library
            candidates["/usr" + str(path)] = library
    output = subprocess.run(["dpkg", "-S", *candidates], capture_output=True, text=True).stdout
    owners = {}
    for line in output.splitlines():
        package, _, path = line.partition(": ")
        if path in candidates:
            owners[candidates[path]] = package.split(":")[0]
    return owners


def linked_libraries(binary: str) -> dict[str, Path]:
    output = subprocess.run(["ldd", binary], check=True, capture_output=True, text=True).stdout
    found = {}
    for line in output.splitlines():
        match = re.match(r"\s*(\S+) => (/\S+)", line)
        if match:
            found[match.group(1)] = Path(match.group(2))
    return found


def test_every_linked_library_is_installed_or_copied(orator: str) -> None:
    libraries = linked_libraries(orator)
    assert len(libraries) > 30
    closure = dependency_closure(runtime_packages())
    owners = owning_packages(list(libraries.values()))
    swift_runtime = Path(subprocess.run(["readelf", "-d", orator], capture_output=True, text=True).stdout
                         .split("runpath: [")[1].split("]")[0].split(":")[0])
    missing = []
    for name, path in sorted(libraries.items()):
        if path.parent == swift_runtime:  # the toolchain's runtime: /usr/lib/swift/linux in the swift image
            image_path = f"/usr/lib/swift/linux/{path.name}"
        elif str(path.parent) == "/usr/local/lib":  # sherpa-onnx from PyPI, placed by scripts/setup-neural
            image_path = str(path)
        else:
            package = owners.get(path)
            if package is None or package not in closure:
                missing.append(f"{name} ({package or 'no package'})")
            continue
        if not any(fnmatch.fnmatch(image_path, source) for source in copied_sources()):
            missing.append(f"{name} (not copied from the build stage)")
    assert not missing, "libraries the image would lack: " + ", ".join(missing)
    assert "/src/.build/release/orator" in copied_sources()


def test_every_installed_package_is_needed(orator: str) -> None:
    providers = set(owning_packages(list(linked_libraries(orator).values())).values())
    needless = sorted(package for package in runtime_packages() if package not in providers and package not in DATA_PACKAGES)
    assert not needless, f"runtime packages no linked library or data needs: {needless}"


def test_dockerfile_is_multi_stage_from_the_swift_toolchain_to_debian_slim() -> None:
    stages = re.findall(r"^FROM (\S+)(?: AS (\w+))?", DOCKERFILE.read_text(), flags=re.MULTILINE)
    assert [(image.split(":")[0], name) for image, name in stages] == [("swift", "build"), ("debian", "runtime")]
    assert stages[1][0] == "debian:12-slim" and stages[0][0].endswith("-bookworm")
