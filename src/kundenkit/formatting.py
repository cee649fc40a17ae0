"""German number formatting for texts the learner reads."""


def de_number(value: float, decimals: int = 2) -> str:
    """Format a number the German way: decimal comma, dot for thousands.

    >>> de_number(1234.5), de_number(0.25, 1), de_number(3, 0)
    ('1.234,50', '0,2', '3')
    """
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def de_percent(share: float, decimals: int = 0) -> str:
    """Format a share (0..1) as a German percentage.

    >>> de_percent(0.853), de_percent(0.0125, 1)
    ('85 %', '1,2 %')
    """
    return f"{de_number(share * 100, decimals)} %"
