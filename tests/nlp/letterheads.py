"""Letterheads for hand-made test communiqués: the two-column header a UBND notice opens with."""


def ubnd_head(date: str, subject: str) -> str:
    """`date` as the letterhead writes it ("ngày 16 tháng 6 năm 2023"); `subject` the line under THÔNG BÁO."""
    return ("ỦY BAN NHÂN DÂN              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "TỈNH AN BÌNH                 Độc lập - Tự do - Hạnh phúc\n\n"
            f"Số: 15/TB-UBND               An Bình, {date}\n\n"
            f"THÔNG BÁO\n{subject}\n\n")
