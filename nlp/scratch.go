package nlp

import "sync"

// scratch holds the buffers one Analyze call works in. They are reused
// across calls, so a classification allocates little more than its
// result; nothing in them may outlive the call.
type scratch struct {
	tok      tokenizer
	toks     []Token     // tok's tokens
	words    []*wordInfo // of each word token, nil for the others
	skip     []bool      // toks[i] is part of a place name
	pos      []int32     // the tokens phrases match over (see wordPositions)
	ids      []int32
	hows     []uint8
	seen     []int32 // terms already counted
	hits     []hit
	anchored []int32 // services with a keyword in the text
	scores   []serviceScore
	scan     scanner
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// grow returns s resized to n, reusing its array when it is big enough.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n, n+n/2)
	}
	return s[:n]
}
