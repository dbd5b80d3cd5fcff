"""Repère: the intervention-tool catalogue and the judicial-path timeline ("frise") for SPIP."""
