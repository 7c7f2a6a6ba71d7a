"""`python -m churn`: train and evaluate the churn model in the current folder."""

import sys

from churn.pipeline import main

sys.exit(main())
