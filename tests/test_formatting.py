"""One place formats numbers: percentages never read 0% or 100% when they are neither."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.formatting import percent, plain_number, sci


@pytest.mark.parametrize("share, text", [
    (0, "0%"), (1, "100%"), (0.0004, "<0.1%"), (0.007, "0.7%"), (0.0194, "1.9%"), (0.02, "2%"), (0.5, "50%"),
    (0.98, "98%"), (0.9996, ">99.9%"), (0.9986, "99.8%"), (0.985, "98.5%"),
])
def test_percent(share, text):
    assert percent(share, html=False) == text


@given(st.floats(0, 1))
def test_a_share_strictly_between_0_and_1_never_reads_0_or_100_percent(share):
    text = percent(share, html=False)
    if 0 < share < 1:
        assert text not in ("0%", "0.0%", "100%", "100.0%")


def test_bad_shares_are_refused():
    with pytest.raises(ValueError, match="share=1.5 is outside the allowed range 0..1"):
        percent(1.5)


def test_plain_and_powers_of_ten():
    assert plain_number(2.5e13) == "2.5e13" and plain_number(280) == "280"
    assert sci(2.44e13) == "2.4 × 10<sup>13</sup>" and sci(116) == "116"
