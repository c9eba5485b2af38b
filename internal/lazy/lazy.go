// Package lazy makes package-level values at their first use instead of
// at program start. Package initialisation runs on one goroutine before
// main, for every package linked in, whether or not a build needs its
// values: a regular expression compiled there costs every run of the
// program, and delays all the rest. Made at first use, a value costs
// only the runs that use it, on the goroutine that first needs it.
package lazy

import (
	"regexp"
	"sync"
)

// exprs are the expressions given to Regexp, kept so that a test can
// compile them all (Exprs): a mistake in one is found by the tests, as
// regexp.MustCompile at package level finds it, and not at its first
// use. It is appended to only during package initialisation, which
// runs on one goroutine.
var exprs []string

// Regexp returns a function that compiles expr at its first call and
// returns the same *regexp.Regexp at every call. It is safe for
// concurrent use; it panics, as regexp.MustCompile does, if expr does
// not compile. Call it only to initialise a package-level variable.
func Regexp(expr string) func() *regexp.Regexp {
	exprs = append(exprs, expr)
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// Exprs returns the expressions given to Regexp by the packages linked
// in, for a test to compile them.
func Exprs() []string {
	return append([]string(nil), exprs...)
}
