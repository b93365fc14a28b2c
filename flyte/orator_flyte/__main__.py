import sys

from orator_flyte.cli import main

sys.exit(main())
