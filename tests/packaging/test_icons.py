"""The app icon: every size present, transparent around the drawing, current with its SVG, and in use."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from wallet import paths

ROOT = Path(__file__).resolve().parents[2]
ICONS = paths.resources_dir() / "icons"


def _make_icons():  # noqa: ANN202 - the maintainers' generator, loaded from packaging/
    spec = importlib.util.spec_from_file_location("make_icons", ROOT / "packaging" / "make_icons.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


MI = _make_icons()


@pytest.mark.parametrize("size", MI.PNG_SIZES)
def test_png_size_is_a_drawn_icon_on_transparency(size: int) -> None:
    with Image.open(MI.png_path(ICONS, size)) as im:
        assert im.size == (size, size) and im.mode == "RGBA"
        alpha = im.getchannel("A")
        assert alpha.getpixel((0, size - 1)) == 0 and alpha.getpixel((size - 1, 0)) == 0  # corners clear
        assert alpha.getpixel((size // 2, size * 3 // 4)) == 255  # the wallet is opaque
        assert len(im.convert("RGB").getcolors(1 << 16) or range(1 << 16)) >= 6  # drawn, not a flat square


def test_pngs_are_current_with_the_svg(qapp) -> None:  # noqa: ANN001
    """Someone edited the SVG and forgot `python packaging/make_icons.py`: the committed PNGs differ."""
    for size in (32, 256):
        fresh = MI.render(MI.SVG, size)
        with Image.open(MI.png_path(ICONS, size)) as committed:
            diff = ImageChops.difference(fresh, committed.convert("RGBA"))
        assert max(ImageStat.Stat(diff).mean) < 2.0, f"{size}px differs from the SVG: run packaging/make_icons.py"


def test_windows_and_macos_icon_files() -> None:
    with Image.open(ICONS / f"{paths.APP_ID}.ico") as ico:
        assert ico.format == "ICO" and set(ico.info["sizes"]) == {(s, s) for s in MI.ICO_SIZES}
    with Image.open(ICONS / f"{paths.APP_ID}.icns") as icns:
        assert icns.format == "ICNS" and icns.size == (1024, 1024)
        assert {(16, 16, 2), (128, 128, 1), (256, 256, 1), (512, 512, 2)} <= set(icns.info["sizes"])


def test_app_icon_offers_every_size(qapp) -> None:  # noqa: ANN001
    from ui.gui.icon import app_icon

    icon = app_icon()
    assert not icon.isNull()
    assert {(s.width(), s.height()) for s in icon.availableSizes()} == {(s, s) for s in MI.PNG_SIZES}
