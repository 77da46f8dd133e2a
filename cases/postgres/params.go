package postgres

import "strconv"

// params numbers the arguments of a query built piece by piece.
type params struct{ args []any }

// arg adds v and returns its placeholder.
func (p *params) arg(v any) string {
	p.args = append(p.args, v)
	return "$" + strconv.Itoa(len(p.args))
}
