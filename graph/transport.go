package graph

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/i18n"
)

// MaxBodyBytes bounds a POST body: a document within the shape limit
// (64 KiB) with generous variables. A longer body is refused, unread.
const MaxBodyBytes = 1 << 20

// anonymousVariableBytes is what a caller without a token may send beside
// a document at the shape limit. What anonymous callers may ask (public
// organisations, people and searches) takes a few short variables, and
// the bound makes a large anonymous body the cheapest thing to refuse:
// issue 12's 220 KB document of 20,000 __typename cost 1.8 ms of CPU to
// read and decode before its length was checked, a third of the server's
// time under that attack; refused by its Content-Length, undecoded, it
// costs a tenth of that.
const anonymousVariableBytes = 16 << 10

// postJSON is the POST transport. It takes the place of gqlgen's
// transport.POST for three reasons: every error it writes carries
// extensions.code, including a body that is not JSON or not sent as JSON
// (gqlgen's answers "transport not supported" without a code, and echoes an
// undecodable body whole in its message); the body is bounded; and the
// response is written without json.Marshal re-validating and copying the
// data the executor already wrote as JSON (a tenth of the CPU of a large
// page). The execution itself is gqlgen's, as in transport.POST.
type postJSON struct {
	// maxAnonymousBody bounds the body of a caller without a token: the
	// document's byte limit plus anonymousVariableBytes.
	maxAnonymousBody int64
}

var _ graphql.Transport = postJSON{}

// Supports claims every POST but a protocol upgrade, so that a wrong
// Content-Type gets a coded answer from Do rather than gqlgen's uncoded one.
func (postJSON) Supports(r *http.Request) bool {
	return r.Method == http.MethodPost && r.Header.Get("Upgrade") == ""
}

func (p postJSON) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	ctx := r.Context()
	start := graphql.Now()
	if mediaType, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mediaType != "application/json" {
		writeError(w, r, http.StatusUnsupportedMediaType, CodeBadRequest, "send the request as application/json")
		return
	}
	limit := int64(MaxBodyBytes)
	if p.maxAnonymousBody > 0 && auth.From(ctx).Anonymous() {
		limit = p.maxAnonymousBody
	}
	var body []byte
	var err error
	if r.ContentLength > limit {
		// Refused undecoded. The body is drained (up to MaxBodyBytes) so
		// that the client reads the answer on a connection that stays open
		// rather than a reset while it is still sending.
		_, _ = io.Copy(io.Discard, http.MaxBytesReader(w, r.Body, MaxBodyBytes))
		err = &http.MaxBytesError{Limit: limit}
	} else {
		body, err = io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	}
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		writeGQLError(w, r, http.StatusRequestEntityTooLarge,
			tooLarge("body", int(limit), "the request body is over %d bytes", limit))
		return
	case err != nil:
		writeError(w, r, http.StatusBadRequest, CodeBadRequest, "the request body could not be read")
		return
	}
	var params graphql.RawParams
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&params); err != nil {
		// The decoder's message says what is wrong and where, without
		// quoting the body.
		writeError(w, r, http.StatusBadRequest, CodeBadRequest, "the request body is not a GraphQL request in JSON: %s", jsonProblem(err))
		return
	}
	params.Headers = r.Header
	params.ReadTime = graphql.TraceTiming{Start: start, End: graphql.Now()}

	contentType := responseType(r)
	w.Header().Set("Content-Type", contentType)
	rc, opErrs := exec.CreateOperationContext(ctx, &params)
	if opErrs != nil {
		resp := exec.DispatchError(graphql.WithOperationContext(ctx, rc), opErrs)
		w.WriteHeader(statusOf(opErrs, contentType))
		writeResponse(w, resp)
		return
	}
	responses, ctx := exec.DispatchOperation(ctx, rc)
	resp := responses(ctx)
	if token, ok := resp.Extensions["bookmark"].(string); ok {
		w.Header().Set(BookmarkHeader, token)
	}
	writeResponse(w, resp)
}

// jsonProblem describes a decoding error briefly: the syntax or type
// problem and its offset, never the input. A syntax error is encoding/json's
// own words, in English.
func jsonProblem(err error) i18n.Text {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return i18n.T("%s at byte %d", syntax.Error(), syntax.Offset)
	case errors.As(err, &typ):
		return i18n.T("%s must be %s, not a JSON %s", typ.Field, typ.Type.String(), typ.Value)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return i18n.T("the body ends too early")
	}
	return i18n.T("malformed JSON")
}

const (
	typeJSON            = "application/json"
	typeGraphQLResponse = "application/graphql-response+json"
)

// responseType is the response's media type, by the request's Accept
// header as gqlgen's POST chooses it: application/json unless the client
// prefers application/graphql-response+json.
func responseType(r *http.Request) string {
	accept := r.Header.Get("Accept")
	if accept == "" {
		return typeJSON
	}
	for part := range strings.SplitSeq(accept, ",") {
		mediaType, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		switch mediaType {
		case "*/*", "application/*", typeJSON:
			return typeJSON
		case typeGraphQLResponse:
			return typeGraphQLResponse
		}
	}
	return typeGraphQLResponse
}

// statusOf is the HTTP status of a request refused before execution, as
// gqlgen sets it: when the document could not be parsed or validated, 422
// for application/json and 400 for application/graphql-response+json (the
// GraphQL-over-HTTP draft); otherwise 200.
func statusOf(list gqlerror.List, contentType string) int {
	switch {
	case errcode.GetErrorKind(list) != errcode.KindProtocol:
		return http.StatusOK
	case contentType == typeGraphQLResponse:
		return http.StatusBadRequest
	}
	return http.StatusUnprocessableEntity
}

// writeResponse writes a GraphQL response. Data is already JSON (the
// executor wrote it), so it is written as it is, not copied; the other
// members are marshalled as gqlgen would, errors first.
func writeResponse(w io.Writer, resp *graphql.Response) {
	first := true
	member := func(name string, raw []byte) {
		sep := `,"`
		if first {
			sep, first = `{"`, false
		}
		_, _ = io.WriteString(w, sep+name+`":`)
		_, _ = w.Write(raw)
	}
	marshal := func(name string, v any) {
		raw, err := json.Marshal(v)
		if err != nil {
			raw = []byte("null")
		}
		member(name, raw)
	}
	if len(resp.Errors) > 0 {
		marshal("errors", resp.Errors)
	}
	if len(resp.Data) > 0 {
		member("data", resp.Data)
	} else {
		member("data", []byte("null"))
	}
	if resp.Label != "" {
		marshal("label", resp.Label)
	}
	if resp.Path != nil {
		marshal("path", resp.Path)
	}
	if resp.HasNext != nil {
		marshal("hasNext", *resp.HasNext)
	}
	if len(resp.Extensions) > 0 {
		marshal("extensions", resp.Extensions)
	}
	_, _ = io.WriteString(w, "}")
}

// writeError answers a request refused at the HTTP edge with one coded
// GraphQL error, its message (a key with args) in the language r asks for.
func writeError(w http.ResponseWriter, r *http.Request, status int, code, format string, args ...any) {
	err := textError(format, args...)
	err.Extensions = map[string]any{"code": code}
	writeGQLError(w, r, status, err)
}

// writeGQLError answers with err alone, worded in r's language when it is
// a textError. The HTTP edge is before the GraphQL edge's ErrorPresenter,
// which words the errors of the operations.
func writeGQLError(w http.ResponseWriter, r *http.Request, status int, err *gqlerror.Error) {
	var worded i18n.Wordable
	if errors.As(err, &worded) {
		err.Message = worded.In(i18n.FromAcceptLanguage(r.Header.Get("Accept-Language")))
	}
	w.Header().Set("Content-Type", typeJSON)
	w.WriteHeader(status)
	writeResponse(w, &graphql.Response{Errors: gqlerror.List{err}})
}

// multipart is gqlgen's MultipartForm (file uploads) with a coded answer
// for a body over the limit, which it would refuse without a code.
type multipart struct{ transport.MultipartForm }

func (m multipart) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	if r.ContentLength > m.MaxUploadSize {
		writeGQLError(w, r, http.StatusRequestEntityTooLarge,
			tooLarge("body", int(m.MaxUploadSize), "the files are over %d bytes together; import them in several parts", m.MaxUploadSize))
		return
	}
	m.MultipartForm.Do(w, r, exec)
}
