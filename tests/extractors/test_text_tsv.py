from extractors.text_tsv import extract_tsv, split_header, tab_blocks
from tests.fixtures.excerpts import TSV_GROUPED_HEADER


def test_three_header_rows_and_column_numbers_are_not_data():
    ex = extract_tsv(TSV_GROUPED_HEADER)
    (t,) = ex.tables
    assert t.title.text.endswith("“三公”经费支出决算表") and t.unit == "万元"
    assert len(t.header) == 3 and t.n_columns == 12
    assert [c.text for c in t.rows[0].cells] == ["9.00", "1.00", "6.00", "2.00", "4.00", "2.00",
                                                  "8.50", "0.00", "7.00", "3.00", "4.00", "1.50"]
    assert t.rows[0].line == 7


def test_blank_lines_inside_a_table_do_not_split_it():
    lines = ["a\tb", "", "c\td", "", "", "", "", "e\tf"]
    assert tab_blocks(lines) == [(0, 2), (7, 7)]


def test_header_ends_at_the_first_coded_or_amount_row():
    grid = [(0, ["项目", "", "合计"]), (1, ["科目编码", "科目名称", ""]), (2, ["201", "一般公共服务支出", "1.00"])]
    assert split_header(grid) == (2, 2)
    grid = [(0, ["项目", "行次", "金额"]), (1, ["栏次", "", "1"]), (2, ["合计", "1", "2.00"])]
    assert split_header(grid) == (1, 2)


def test_a_block_without_a_title_above_is_not_a_table():
    assert extract_tsv("目 录\n第一部分\t1\n第二部分\t2\n第三部分\t3\n").tables == []
