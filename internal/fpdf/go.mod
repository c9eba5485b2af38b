module github.com/go-pdf/fpdf

go 1.22

require github.com/klauspost/compress v1.18.0
