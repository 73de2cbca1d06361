"""Block types from content after recognition."""
from digitize import retype
from digitize.geometry import Box
from digitize.model import Block, BlockType, Line, Page
from tests.fixtures.to_model import words_in


def block(bid: str, btype: BlockType, *lines: str) -> Block:
    b = Block(bid, btype, Box(0, 0, 1000, 60 * len(lines)))
    for i, text in enumerate(lines):
        box = Box(0, 60 * i, 40 * len(text), 60 * i + 50)
        b.lines.append(Line(f"{bid}l{i}", box, words=words_in(text, box)))
    return b


def test_reporter_lines_become_bylines_and_bylines_without_names_subheads():
    page = Page(source=None, width=1000, height=1000)
    page.blocks = [
        block("b1", BlockType.SUBHEAD, "本报记者 刘宇  通讯员 王静"),             # typed by size as subhead
        block("b2", BlockType.BODY, "本报讯（重庆日报记者 罗静雯）12月15日，重庆市人民政府与中国科学院"),
        block("b3", BlockType.BYLINE, "重庆市老科协工作实现全面发展"),             # names nobody: a subhead
        block("b4", BlockType.BYLINE, "新华社记者 张三 摄"),
        block("b5", BlockType.BODY, "记者从市科技局获悉，", "今年以来全市新增高新技术企业719家，",
              "科技型企业数量持续增长。"),                                       # a paragraph, not a byline
    ]
    retype.run(page)
    assert [b.type for b in page.blocks] == [BlockType.BYLINE, BlockType.BODY, BlockType.SUBHEAD,
                                             BlockType.BYLINE, BlockType.BODY]
    step = page.steps[-1]
    assert step.name == "retype" and "b1:subhead->byline" in step.settings["changed"]
    assert "b3:byline->subhead" in step.settings["changed"]
