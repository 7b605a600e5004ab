"""Every change of state of cases and communications (see spcomms.audit.actions for the pattern)."""
