"""`python -m sales`: run the monthly sales pipeline in the current folder."""

import sys

from sales.pipeline import main

sys.exit(main())
