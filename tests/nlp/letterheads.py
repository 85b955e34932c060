"""Letterheads for hand-made test communiqués: the two-column header a UBND notice opens with, and
the Party and People's Committee headers the stage tests share."""


def ubnd_head(date: str, subject: str) -> str:
    """`date` as the letterhead writes it ("ngày 16 tháng 6 năm 2023"); `subject` the line under THÔNG BÁO."""
    return ("ỦY BAN NHÂN DÂN              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "TỈNH AN BÌNH                 Độc lập - Tự do - Hạnh phúc\n\n"
            f"Số: 15/TB-UBND               An Bình, {date}\n\n"
            f"THÔNG BÁO\n{subject}\n\n")


HEAD = "TỈNH ỦY AN BÌNH\nSố 12-TB/TU\nAn Bình, ngày 10 tháng 4 năm 2025\n\nTHÔNG BÁO\nkết luận của Ban Thường vụ\n\n"


UBND_HEAD = ubnd_head("ngày 08 tháng 10 năm 2025", "Kết luận của Chủ tịch UBND tỉnh về công tác năm 2025")


PARTY_HEAD = ("ĐẢNG BỘ TỈNH AN BÌNH\nHUYỆN ỦY ĐÔNG SƠN\n*\nSố 20-KL/HU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
              "Đông Sơn, ngày 20 tháng 9 năm 2025\n\nKẾT LUẬN\n")


PARTY_HEAD_2 = ("ĐẢNG BỘ TỈNH AN BÌNH\nỦY BAN KIỂM TRA\n*\nSố 30-TB/UBKTTU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
              "An Bình, ngày 20 tháng 6 năm 2024\n\nTHÔNG BÁO\nKẾT LUẬN KIỂM TRA\n\n")


HEAD_2 = ("ĐẢNG BỘ TỈNH AN BÌNH\nBAN THƯỜNG VỤ\n*\nSố 20-TB/TU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
        "An Bình, ngày 20 tháng 7 năm 2023\n\nTHÔNG BÁO\nKẾT LUẬN CỦA BAN THƯỜNG VỤ TỈNH ỦY\n\n"
        "Ngày 18/7/2023, Ban Thường vụ Tỉnh ủy họp nghe báo cáo tình hình đầu tư công.\n\n")
