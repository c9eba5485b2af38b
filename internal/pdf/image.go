package pdf

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	_ "image/gif" // decoders for re-encoding PNG and GIF figures
	"image/jpeg"
	"image/png"
	"io"
	"sort"

	"github.com/go-pdf/fpdf"

	"github.com/redtide/edition/layout"
)

// image registers a figure once. PNG and GIF are re-encoded as plain 8-bit
// non-interlaced PNG, which fpdf reads in every variant; JPEG passes through.
func (p *painter) image(im layout.ImageBox) (string, fpdf.ImageOptions, error) {
	img := im.Image
	key := img.Name
	if key == "" {
		key = img.Path
	}
	opt := fpdf.ImageOptions{ReadDpi: false}
	if img.MediaType == "image/jpeg" {
		opt.ImageType = "JPG"
	} else {
		opt.ImageType = "PNG"
	}
	if w, ok := p.widest[key]; !ok || im.W > w.W {
		p.widest[key] = im
	}
	if name, ok := p.images[key]; ok {
		return name, opt, nil
	}
	name := fmt.Sprintf("img%d", len(p.images)+1)
	data, err := p.imageData(im, key)
	if err != nil {
		return "", opt, fmt.Errorf("image %s: %w", img.Path, err)
	}
	p.f.RegisterImageOptionsReader(name, opt, fpdf.HeldBytes(data))
	if err := p.f.Error(); err != nil {
		return "", opt, fmt.Errorf("image %s: %w", img.Path, err)
	}
	p.images[key] = name
	p.registered[key] = p.placedWidth(im, key)
	return name, opt, nil
}

// placedWidth is the width an image is downsampled for: its widest
// placement when the pages are known beforehand (Write), else the box
// it is first placed in.
func (p *painter) placedWidth(im layout.ImageBox, key string) layout.Length {
	if w, ok := p.placed[key]; ok {
		return w
	}
	return im.W
}

// reimage registers again, under the same resource name, an image
// placed wider on a later page than where it was first drawn, when that
// gives other data (it was downsampled for the narrower box). Streamed
// pages cannot know the widest placement beforehand; the rare image
// placed at two widths then differs from Write's only in its resource
// name.
func (p *painter) reimage() error {
	keys := make([]string, 0, len(p.widest))
	for k := range p.widest {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, key := range keys {
		im := p.widest[key]
		if im.W <= p.registered[key] || p.d.KeepImageResolution {
			continue
		}
		if layout.PPI(im.Image, p.registered[key]) <= DownsampleAbove {
			continue // not downsampled, nor at a wider box
		}
		p.placed = map[string]layout.Length{key: im.W}
		data, err := p.imageData(im, key)
		if err != nil {
			return fmt.Errorf("pdf: image %s: %w", im.Image.Path, err)
		}
		opt := fpdf.ImageOptions{ImageType: "PNG"}
		if im.Image.MediaType == "image/jpeg" {
			opt.ImageType = "JPG"
		}
		p.f.ReplaceImage(p.images[key], opt, fpdf.HeldBytes(data))
		if err := p.f.Error(); err != nil {
			return fmt.Errorf("pdf: image %s: %w", im.Image.Path, err)
		}
	}
	return nil
}

// imageData is the file fpdf embeds for an image: downsampled unless the
// document keeps the resolution, in grey for a grayscale document, and
// for PNG and GIF in a form fpdf reads.
func (p *painter) imageData(im layout.ImageBox, key string) ([]byte, error) {
	img := im.Image
	data := img.Data
	if !p.d.KeepImageResolution {
		var err error
		if data, err = downsample(img, p.placedWidth(im, key)); err != nil {
			return nil, err
		}
	}
	if img.MediaType == "image/jpeg" {
		cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		if !p.d.Press.Grayscale || cfg.ColorModel == color.GrayModel {
			return data, nil
		}
		m, _, err := image.Decode(bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, toGray(m), &jpeg.Options{Quality: jpegQuality}); err != nil {
			return nil, err
		}
		return buf.Bytes(), nil
	}
	if ct, ok := plainPNG(data); ok && (ct == pngGray || !p.d.Press.Grayscale) {
		return data, nil // fpdf reads it as it is
	}
	m, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	if p.d.Press.Grayscale {
		m = toGray(m)
	} else {
		m = toNRGBA(m)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// toGray converts an image to 8-bit grey for a press that prints black
// only: transparent pixels are laid on white paper, and the grey is the
// luma of ITU-R BT.601, as color.GrayModel computes it (in integers, so
// the result is the same on every machine). For a JPEG, whose luma is
// already one of its planes, that plane is taken as it is.
func toGray(m image.Image) *image.Gray {
	b := m.Bounds()
	out := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	if y, ok := m.(*image.YCbCr); ok {
		for row := 0; row < b.Dy(); row++ {
			i := y.YOffset(b.Min.X, b.Min.Y+row)
			copy(out.Pix[row*out.Stride:row*out.Stride+b.Dx()], y.Y[i:i+b.Dx()])
		}
		return out
	}
	for row := 0; row < b.Dy(); row++ {
		for col := 0; col < b.Dx(); col++ {
			r, g, bl, a := m.At(b.Min.X+col, b.Min.Y+row).RGBA()
			paper := 0xffff - a // premultiplied: add the white the pixel lets through
			r, g, bl = r+paper, g+paper, bl+paper
			out.Pix[row*out.Stride+col] = uint8((19595*r + 38470*g + 7471*bl + 1<<15) >> 24)
		}
	}
	return out
}

// PNG colour types (the PNG specification, §11.2.2 IHDR).
const (
	pngGray = 0
	pngRGB  = 2
)

// plainPNG reports a PNG that fpdf embeds as it is and that re-encoding
// would not change in kind: 8-bit grey or RGB, not interlaced, without
// transparency, whose image data inflates to the size its header gives;
// and its colour type. Re-encoding such a file (decode, convert, deflate)
// was most of the time spent painting an edition with a few figures.
func plainPNG(data []byte) (colorType byte, ok bool) {
	const sig = "\x89PNG\r\n\x1a\n"
	if len(data) < len(sig)+8+13 || string(data[:len(sig)]) != sig {
		return 0, false
	}
	var idat bytes.Buffer
	var w, h, channels int
	for b := data[len(sig):]; ; {
		if len(b) < 12 {
			return 0, false
		}
		n := int(binary.BigEndian.Uint32(b))
		typ := string(b[4:8])
		if n < 0 || n > len(b)-12 {
			return 0, false
		}
		body := b[8 : 8+n]
		switch typ {
		case "IHDR":
			if n != 13 {
				return 0, false
			}
			w, h = int(binary.BigEndian.Uint32(body)), int(binary.BigEndian.Uint32(body[4:]))
			depth, ct, comp, filter, inter := body[8], body[9], body[10], body[11], body[12]
			if depth != 8 || comp != 0 || filter != 0 || inter != 0 || w <= 0 || h <= 0 || w > 1<<14 || h > 1<<14 {
				return 0, false
			}
			colorType = ct
			switch ct {
			case pngGray:
				channels = 1
			case pngRGB:
				channels = 3
			default:
				return 0, false
			}
		case "tRNS":
			return 0, false
		case "IDAT":
			idat.Write(body)
		case "IEND":
			if channels == 0 || idat.Len() == 0 {
				return 0, false
			}
			zr, err := zlib.NewReader(&idat)
			if err != nil {
				return 0, false
			}
			n, err := io.Copy(io.Discard, zr)
			return colorType, err == nil && n == int64(h*(1+w*channels))
		}
		b = b[12+n:]
	}
}

// toNRGBA flattens paletted and 16-bit images to 8-bit RGB(A); opaque
// images lose the alpha channel so fpdf writes no soft mask.
func toNRGBA(m image.Image) image.Image {
	bnd := m.Bounds()
	opaque := true
	if o, ok := m.(interface{ Opaque() bool }); ok {
		opaque = o.Opaque()
	}
	if opaque {
		out := image.NewRGBA(bnd)
		for y := bnd.Min.Y; y < bnd.Max.Y; y++ {
			for x := bnd.Min.X; x < bnd.Max.X; x++ {
				out.Set(x, y, m.At(x, y))
			}
		}
		return out
	}
	out := image.NewNRGBA(bnd)
	for y := bnd.Min.Y; y < bnd.Max.Y; y++ {
		for x := bnd.Min.X; x < bnd.Max.X; x++ {
			out.Set(x, y, m.At(x, y))
		}
	}
	return out
}
