// Package cputime reports the CPU time a benchmark's loop takes per
// operation: on a machine shared with other work, wall time per op says
// more about the neighbours than about the code.
package cputime

import (
	"testing"
	"time"
)

// Start notes the process's CPU time now; the function it returns
// reports the CPU time spent since, per operation of b, as "cpu-ms/op"
// (all goroutines, the garbage collector's included). Where the system
// does not tell, it reports nothing.
func Start(b *testing.B) func() {
	b.Helper()
	t0, ok := used()
	return func() {
		t1, ok1 := used()
		if !ok || !ok1 || b.N == 0 {
			return
		}
		b.ReportMetric(float64(t1-t0)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
	}
}
