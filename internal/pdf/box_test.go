package pdf

import (
	"image"
	"testing"
)

func TestBoxFilter(t *testing.T) {
	for _, c := range []struct {
		src  []uint8
		dw   int
		want []uint8
	}{
		{[]uint8{10, 20, 30, 40}, 2, []uint8{15, 35}},
		{[]uint8{0, 90, 180}, 2, []uint8{30, 150}}, // 1.5 pixels each: (0+45)/1.5, (90/2+180)/1.5
		{[]uint8{7, 7, 7, 7, 7, 7, 7}, 3, []uint8{7, 7, 7}},
		{[]uint8{0, 255}, 1, []uint8{128}},
	} {
		g := &image.Gray{Pix: c.src, Stride: len(c.src), Rect: image.Rect(0, 0, len(c.src), 1)}
		out := boxGray(g, c.dw, 1)
		for i, v := range c.want {
			if out.Pix[i] != v {
				t.Errorf("%v → %d: %v, want %v", c.src, c.dw, out.Pix, c.want)
				break
			}
		}
		rgba := image.NewRGBA(image.Rect(0, 0, len(c.src), 1))
		for i, v := range c.src {
			copy(rgba.Pix[i*4:], []uint8{v, v, v, 255})
		}
		o := boxRGBA(rgba, c.dw, 1)
		for i, v := range c.want {
			if o.Pix[i*4] != v || o.Pix[i*4+3] != 255 {
				t.Errorf("RGBA %v → %d: %v", c.src, c.dw, o.Pix)
				break
			}
		}
	}
}
