#ifndef COURTSIDE_CNCURSES_SHIM_H
#define COURTSIDE_CNCURSES_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Swift 6 will not touch mutable C globals or function-like macros: these wrappers are the only way in.
static inline WINDOW *cs_stdscr(void) { return stdscr; }
static inline int cs_lines(void) { return LINES; }
static inline int cs_cols(void) { return COLS; }
static inline int cs_colors(void) { return COLORS; }
static inline int cs_color_pairs(void) { return COLOR_PAIRS; }

static inline attr_t cs_a_bold(void) { return A_BOLD; }
static inline attr_t cs_a_dim(void) { return A_DIM; }
static inline attr_t cs_a_reverse(void) { return A_REVERSE; }
static inline attr_t cs_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cs_a_normal(void) { return A_NORMAL; }

/// Sets the attributes and an (extended) colour pair for what is drawn next.
static inline int cs_set_style(attr_t attrs, int pair) {
    return attr_set(attrs, (short)(pair < 32767 ? pair : 0), (void *)&pair);
}

static inline int cs_get_wch(int timeout_ms, wint_t *out) {
    wtimeout(stdscr, timeout_ms);
    return wget_wch(stdscr, out);
}

static inline int cs_key_code_yes(void) { return KEY_CODE_YES; }
static inline int cs_key_up(void) { return KEY_UP; }
static inline int cs_key_down(void) { return KEY_DOWN; }
static inline int cs_key_left(void) { return KEY_LEFT; }
static inline int cs_key_right(void) { return KEY_RIGHT; }
static inline int cs_key_ppage(void) { return KEY_PPAGE; }
static inline int cs_key_npage(void) { return KEY_NPAGE; }
static inline int cs_key_home(void) { return KEY_HOME; }
static inline int cs_key_end(void) { return KEY_END; }
static inline int cs_key_btab(void) { return KEY_BTAB; }
static inline int cs_key_resize(void) { return KEY_RESIZE; }
static inline int cs_key_enter(void) { return KEY_ENTER; }
static inline int cs_key_backspace(void) { return KEY_BACKSPACE; }
static inline int cs_key_mouse(void) { return KEY_MOUSE; }

/// Reports left clicks (press or click) and the wheel, with no click-detection delay.
static inline void cs_enable_mouse(void) {
    mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
    mouseinterval(0);
}

/// The last mouse event: 1 and its cell for a left press or click, 4 for the wheel up, 5 for the wheel down,
/// else 0.
static inline int cs_mouse_event(int *x, int *y) {
    MEVENT e;
    if (getmouse(&e) != OK) return 0;
    *x = e.x;
    *y = e.y;
    if (e.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) return 1;
    if (e.bstate & BUTTON4_PRESSED) return 4;
    if (e.bstate & BUTTON5_PRESSED) return 5;
    return 0;
}

#endif
