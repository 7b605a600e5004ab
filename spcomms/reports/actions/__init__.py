"""Every change of state of the reports app (reports, session overrides, press releases) is one of these actions."""
