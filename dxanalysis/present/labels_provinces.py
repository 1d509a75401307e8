"""The province page's and the overview's provincial ranking's texts, in English and Vietnamese.

Part of the vocabulary of :mod:`dxanalysis.present.labels` (which merges :data:`PROVINCE_LABELS` into its
:data:`~dxanalysis.present.labels.LABELS`; no key may replace one of its own).

>>> PROVINCE_LABELS["prov_col_province"]
('Province', 'Tỉnh, thành phố')
"""

from __future__ import annotations

__all__ = ["PROVINCE_LABELS"]

#: The provincial texts as key -> (English, Vietnamese), merged into ``LABELS``.
PROVINCE_LABELS: dict[str, tuple[str, str]] = {
    "prov_new": ("{name} (since 1 July 2025)", "{name} (từ 1/7/2025)"),
    "prov_col_province": ("Province", "Tỉnh, thành phố"),
    "prov_col_code": ("Code", "Mã"),
    "prov_col_rank": ("DTI rank among the 63", "Thứ hạng DTI trong 63 tỉnh"),
    "prov_col_rank_year": ("Rank {year}", "Hạng {year}"),
    "prov_col_rank_merged": ("DTI rank among the 34", "Thứ hạng DTI trong 34 tỉnh"),
    "prov_col_score": ("DTI score", "Điểm DTI"),
    "prov_col_score_year": ("Year of the score", "Năm của điểm"),
    "prov_col_national": ("National DTI", "DTI quốc gia"),
    "prov_col_mean": ("Provincial mean", "Trung bình cấp tỉnh"),
    "prov_col_successor": ("Since 1 July 2025 part of", "Từ 1/7/2025 thuộc"),
    "prov_col_value": ("Province's figure", "Số liệu của tỉnh"),
    "prov_col_same_period": ("Vietnam, same period", "Cả nước, cùng kỳ"),
    "prov_col_national_latest": ("Vietnam, latest", "Cả nước, mới nhất"),
    "prov_col_target": ("National target", "Mục tiêu quốc gia"),
    "prov_col_meets": ("Meets the national target", "Đạt mục tiêu quốc gia"),
    "prov_yes": ("yes", "đạt"),
    "prov_no": ("not yet", "chưa đạt"),
    "prov_who_merged": (
        "{name} ({code}) is one of the 63 provinces and cities before 1 July 2025; since that day it is part of "
        "{successor} ({successor_code}), with {partners}.",
        "{name} ({code}) là một trong 63 tỉnh, thành phố trước ngày 1/7/2025; từ ngày đó thuộc {successor} "
        "({successor_code}), cùng với {partners}.",
    ),
    "prov_who_unchanged": (
        "{name} ({code}) is one of the 11 provinces and cities the merger of 1 July 2025 left unchanged: it keeps its "
        "name and its code on both maps.",
        "{name} ({code}) là một trong 11 tỉnh, thành phố không thực hiện sắp xếp từ ngày 1/7/2025: giữ nguyên tên và "
        "mã trên cả hai bản đồ.",
    ),
    "prov_who_new": (
        "{name} ({code}) is one of the 34 provinces and cities since 1 July 2025, formed from {members}. Its code is "
        "the package's own until ISO 3166-2:VN publishes one; its figures before the merger are its members'.",
        "{name} ({code}) là một trong 34 tỉnh, thành phố từ ngày 1/7/2025, hợp nhất từ {members}. Mã này do gói "
        "đặt cho đến khi ISO 3166-2:VN công bố mã mới; số liệu trước khi sắp xếp là của các tỉnh hợp thành.",
    ),
    "prov_ranks": (
        "{name}'s DTI rank among the 63 provinces: {ranks}.",
        "Thứ hạng DTI của {name} trong 63 tỉnh, thành phố: {ranks}.",
    ),
    "prov_rank_in": ("no. {rank} in {year}", "hạng {rank} năm {year}"),
    "prov_rank_among_34": ("no. {rank} among the 34 in {year}", "hạng {rank} trong 34 tỉnh năm {year}"),
    "prov_as_part_of": (", as part of {name}", ", thuộc {name}"),
    "prov_rank_merged": (
        "Among the 34 provinces formed on 1 July 2025 (ranked on their {year} figures), {name} is no. {rank}.",
        "Trong 34 tỉnh, thành phố từ ngày 1/7/2025 (xếp theo số liệu năm {year}), {name} đứng thứ {rank}.",
    ),
    "prov_no_ranks": (
        "No DTI rank of {name} has been found in the published rankings.",
        "Chưa tìm thấy thứ hạng DTI nào của {name} trong các bảng xếp hạng đã công bố.",
    ),
    "prov_neighbours_merged": (
        "{name} beside the provinces merged with it on 1 July 2025: {others}.",
        "{name} bên cạnh các tỉnh, thành phố sáp nhập cùng từ ngày 1/7/2025: {others}.",
    ),
    "prov_neighbours_ranking": (
        "The merger left {name} unchanged, so it is shown beside the provinces ranked just above and below it in "
        "the DTI {year} ranking (the latest complete one): {others}.",
        "{name} không thực hiện sắp xếp, nên được đặt cạnh các tỉnh xếp ngay trên và dưới trong bảng xếp hạng DTI "
        "{year} (bảng đầy đủ mới nhất): {others}.",
    ),
    "prov_neighbours_none": (
        "{name} has no neighbours to be shown beside: no complete DTI ranking has it.",
        "Không có tỉnh nào để đặt cạnh {name}: không bảng xếp hạng DTI đầy đủ nào có tỉnh này.",
    ),
    "prov_no_figures": (
        "{name} has no figures beyond the DTI in the package's data or your files (give yours with --data).",
        "{name} chưa có số liệu nào ngoài DTI trong dữ liệu của gói hay trong tệp của bạn (thêm bằng --data).",
    ),
    "prov_no_targets": (
        "No targets of {name}'s own were given: a file in the layout of data/targets.csv with geo = the province "
        "(`dxanalysis report --targets FILE`, or the notebook's `targets` parameter) adds them here.",
        "Chưa có mục tiêu riêng của {name}: một tệp theo mẫu data/targets.csv với geo là tỉnh "
        "(`dxanalysis report --targets TỆP`, hoặc tham số `targets` của notebook) sẽ đưa chúng vào đây.",
    ),
    "prov_targets_none_assessed": (
        "The targets file gives no target of {name} that its figures can be judged against.",
        "Tệp mục tiêu không có mục tiêu nào của {name} có thể đánh giá bằng số liệu của tỉnh.",
    ),
    "prov_headline": ("{name}: {ranks}", "{name}: {ranks}"),
    "prov_headline_targets": ("; own targets: {verdicts}", "; mục tiêu riêng: {verdicts}"),
    "title_dti_ranks": ("{name}: DTI rank over the years", "{name}: thứ hạng DTI qua các năm"),
    "subtitle_dti_ranks": (
        "Rank among the 63 provinces and cities (1 is best), beside {neighbours}",
        "Thứ hạng trong 63 tỉnh, thành phố (1 là tốt nhất), bên cạnh {neighbours}",
    ),
    "axis_dti_rank": ("Rank among the 63 (1 is best)", "Thứ hạng trong 63 tỉnh (1 là tốt nhất)"),
    "ranking_sentence": (
        "The DTI {year} ranks all {n} provinces and cities: {first} first, {last} last. For the other years only "
        "some ranks were found ({counts}). The method changes every year, so ranks compare across years better "
        "than scores.",
        "DTI {year} xếp hạng đủ {n} tỉnh, thành phố: {first} đứng đầu, {last} đứng cuối. Các năm khác chỉ tìm "
        "được một số thứ hạng ({counts}). Phương pháp thay đổi hằng năm nên thứ hạng so sánh giữa các năm tốt hơn "
        "điểm số.",
    ),
    "ranking_counts": ("{n} in {year}", "{n} năm {year}"),
    "table_dti": ("The province's DTI, year by year", "DTI của tỉnh qua các năm"),
    "table_neighbours": (
        "DTI ranks of the province and its neighbours",
        "Thứ hạng DTI của tỉnh và các tỉnh láng giềng",
    ),
    "table_against_national": (
        "The province's figures against Vietnam's and the national targets",
        "Số liệu của tỉnh so với cả nước và mục tiêu quốc gia",
    ),
    "table_own_targets": (
        "The province's own targets and their verdicts",
        "Mục tiêu riêng của tỉnh và kết quả đánh giá",
    ),
    "table_provincial_ranking": ("Provincial DTI ranking", "Xếp hạng DTI cấp tỉnh"),
    "ranking_none": (
        "No provincial DTI ranking is in the data.",
        "Dữ liệu chưa có bảng xếp hạng DTI cấp tỉnh nào.",
    ),
}
