"""Hostile-content fuzzing: hypothesis strategies for whole sites and the properties every
site must have (see hostile.py); tests/test_fuzz_hostile.py runs a few, run.py many."""
