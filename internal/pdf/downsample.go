package pdf

import (
	"bytes"
	"image"
	"image/draw"
	"image/jpeg"
	"image/png"

	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/layout"
)

// Images printed above DownsampleAbove ppi at their largest placed size
// are resampled to DownsampleTo ppi: the print shop's raster cannot use
// the extra pixels, and a photo-heavy issue would otherwise run to
// hundreds of megabytes. (Acrobat Distiller's press settings downsample
// above 450 ppi to 300; here the threshold is higher so that line art
// scanned at 600 ppi is kept as scanned.)
const (
	DownsampleAbove = 600
	DownsampleTo    = 300
	// jpegQuality re-encodes downsampled JPEG photographs.
	jpegQuality = 90
)

// placedWidths is the largest width each image (by name) is placed at in
// d: the size that decides its resolution.
func placedWidths(d *layout.Document) map[string]layout.Length {
	out := map[string]layout.Length{}
	for _, p := range d.Pages {
		for _, im := range p.Images {
			if im.Image == nil {
				continue
			}
			k := imageKey(im.Image)
			if im.W > out[k] {
				out[k] = im.W
			}
		}
	}
	return out
}

func imageKey(img *model.Image) string {
	if img.Name != "" {
		return img.Name
	}
	return img.Path
}

// downsample returns img's data resampled to DownsampleTo ppi at width w
// when it is above DownsampleAbove ppi there; otherwise, or for an image
// it does not resample (CMYK JPEGs, whose colours the print shop wants
// untouched), the data as it is. The result depends only on the input:
// decoding, the integer box filter and Go's encoders are deterministic.
func downsample(img *model.Image, w layout.Length) ([]byte, error) {
	ppi := layout.PPI(img, w)
	if ppi <= DownsampleAbove {
		return img.Data, nil
	}
	dw := int((int64(w)*DownsampleTo + int64(layout.Inch)/2) / int64(layout.Inch))
	dh := int((int64(dw)*int64(img.Height) + int64(img.Width)/2) / int64(img.Width))
	if dw < 1 || dh < 1 || dw >= img.Width {
		return img.Data, nil
	}
	src, _, err := image.Decode(bytes.NewReader(img.Data))
	if err != nil {
		return nil, err
	}
	if _, cmyk := src.(*image.CMYK); cmyk {
		return img.Data, nil
	}
	var out image.Image
	if g, ok := src.(*image.Gray); ok {
		out = boxGray(g, dw, dh)
	} else {
		out = boxRGBA(toRGBA(src), dw, dh)
	}
	var buf bytes.Buffer
	if img.MediaType == "image/jpeg" {
		err = jpeg.Encode(&buf, out, &jpeg.Options{Quality: jpegQuality})
	} else {
		err = (&png.Encoder{CompressionLevel: png.DefaultCompression}).Encode(&buf, out)
	}
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// toRGBA converts any image to premultiplied 8-bit RGBA, so transparent
// pixels do not darken their neighbours when averaged.
func toRGBA(m image.Image) *image.RGBA {
	if r, ok := m.(*image.RGBA); ok && r.Rect.Min == (image.Point{}) {
		return r
	}
	b := m.Bounds()
	out := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(out, out.Rect, m, b.Min, draw.Src)
	return out
}

// spans are, for each destination pixel along one axis, the source
// pixels it covers and their weights: the exact overlap of the pixel's
// footprint, in units of 1/dn of a source pixel (a box filter, i.e. area
// averaging, in integers).
type span struct {
	first int
	w     []int64
}

func spans(sn, dn int) []span {
	out := make([]span, dn)
	for i := range out {
		lo, hi := int64(i)*int64(sn), int64(i+1)*int64(sn) // in 1/dn source pixels
		first := int(lo / int64(dn))
		var ws []int64
		for j := first; int64(j)*int64(dn) < hi && j < sn; j++ {
			a := max(lo, int64(j)*int64(dn))
			b := min(hi, int64(j+1)*int64(dn))
			ws = append(ws, b-a)
		}
		out[i] = span{first, ws}
	}
	return out
}

// boxRGBA resamples src to dw × dh by area averaging, rows then columns;
// the weights of a span add up to the source size, so each value is a
// rounded integer mean.
func boxRGBA(src *image.RGBA, dw, dh int) *image.RGBA {
	sw, sh := src.Rect.Dx(), src.Rect.Dy()
	xs, ys := spans(sw, dw), spans(sh, dh)
	mid := make([]uint8, dw*sh*4)
	for y := 0; y < sh; y++ {
		row := src.Pix[y*src.Stride:]
		for x, sp := range xs {
			for c := 0; c < 4; c++ {
				var sum int64
				for k, wt := range sp.w {
					sum += wt * int64(row[(sp.first+k)*4+c])
				}
				mid[(y*dw+x)*4+c] = uint8((sum + int64(sw)/2) / int64(sw))
			}
		}
	}
	out := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y, sp := range ys {
		for x := 0; x < dw; x++ {
			for c := 0; c < 4; c++ {
				var sum int64
				for k, wt := range sp.w {
					sum += wt * int64(mid[((sp.first+k)*dw+x)*4+c])
				}
				out.Pix[y*out.Stride+x*4+c] = uint8((sum + int64(sh)/2) / int64(sh))
			}
		}
	}
	return out
}

// boxGray is boxRGBA for greyscale images, which stay greyscale.
func boxGray(src *image.Gray, dw, dh int) *image.Gray {
	sw, sh := src.Rect.Dx(), src.Rect.Dy()
	xs, ys := spans(sw, dw), spans(sh, dh)
	mid := make([]uint8, dw*sh)
	for y := 0; y < sh; y++ {
		row := src.Pix[src.PixOffset(src.Rect.Min.X, src.Rect.Min.Y+y):]
		for x, sp := range xs {
			var sum int64
			for k, wt := range sp.w {
				sum += wt * int64(row[sp.first+k])
			}
			mid[y*dw+x] = uint8((sum + int64(sw)/2) / int64(sw))
		}
	}
	out := image.NewGray(image.Rect(0, 0, dw, dh))
	for y, sp := range ys {
		for x := 0; x < dw; x++ {
			var sum int64
			for k, wt := range sp.w {
				sum += wt * int64(mid[(sp.first+k)*dw+x])
			}
			out.Pix[y*out.Stride+x] = uint8((sum + int64(sh)/2) / int64(sh))
		}
	}
	return out
}
