// HarfBuzz text shaping on FreeType faces: GPOS kerning, ligatures.
#include <hb.h>
#include <hb-ft.h>
