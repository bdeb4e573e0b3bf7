"""How the evaluator matches a predicted span with an expected one (bot.anonymise.evaluate.Span)."""

from bot.anonymise.evaluate import Span


def test_a_span_hits_an_overlapping_span_of_its_type_or_family_only() -> None:
    assert Span("NAME", 0, 5).overlaps(Span("NAME", 3, 9))
    assert not Span("NAME", 0, 5).overlaps(Span("NAME", 5, 9))      # touching is not overlapping
    assert not Span("NAME", 0, 5).overlaps(Span("PHONE", 0, 5))
    # a BRP number is labelled PASSPORT by some writers and REFERENCE by others
    assert Span("PASSPORT", 10, 19).overlaps(Span("REFERENCE", 10, 19))


def test_a_postcode_and_the_address_it_is_part_of_hit_each_other() -> None:
    text = "I live at 14 Hope Street, Leeds LS1 2AB now"
    address = Span("ADDRESS", text.index("14"), text.index(" now"))
    postcode = Span("POSTCODE", text.index("LS1"), text.index(" now"))
    assert postcode.overlaps(address) and address.overlaps(postcode)
    # but a postcode elsewhere in the answer is no hit for the address, nor a postcode for a name
    assert not Span("POSTCODE", 0, 2).overlaps(address)
    assert not postcode.overlaps(Span("NAME", postcode.start, postcode.end))
