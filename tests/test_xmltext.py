"""okrsite.xmltext: the same text as xml.sax.saxutils makes, without importing it."""

import subprocess
import sys
from xml.sax.saxutils import escape as sax_escape
from xml.sax.saxutils import quoteattr as sax_quoteattr

from hypothesis import given
from hypothesis import strategies as st

from okrsite.xmltext import escape, quoteattr

MARKUP = st.text(alphabet=st.sampled_from(list("&<>\"'\n\r\t ;#a1é\u202e")) | st.characters(), max_size=40)


@given(MARKUP)
def test_escape_is_saxutils_escape(text):
    assert escape(text) == sax_escape(text)


@given(MARKUP)
def test_quoteattr_is_saxutils_quoteattr(text):
    assert quoteattr(text) == sax_quoteattr(text)


def test_the_cases_that_choose_the_quotes():
    for text in ['say "hi"', "it's", "it's \"both\"", "a\nb\tc\rd", "&amp; <x>", ""]:
        assert quoteattr(text) == sax_quoteattr(text), text


def test_a_build_no_longer_imports_urllib_request():
    """What the sitemap and feed need is here: a build's start does not import urllib.request
    (and http.client, ssl, email with it)."""
    code = ("import sys, okrsite.render, okrsite.pipeline, okrsite.commands.build, okrsite.history.feed; "
            "print('urllib.request' in sys.modules, 'xml.sax.saxutils' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split() == [
        "False", "False"]
