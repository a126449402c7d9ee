// Round trip through the package generated from box.json: the generated
// client calls the generated handler over 127.0.0.1. Copied into the
// generated package's directory by generator.TestPublicSpecs.
package box_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"

	"tmp/x/box"
)

// drive records what the operations under test receive; the other
// operations come from the generated Mock.
type drive struct {
	box.Mock
	mu      sync.Mutex
	files   map[string]*box.FileFull
	seen    []string
	deleted []string
}

func (s *drive) note(format string, args ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, a := range args {
		format = strings.Replace(format, "%", a, 1)
	}
	s.seen = append(s.seen, format)
}

func (s *drive) GetFilesID(ctx context.Context, req *box.GetFilesIDRequest) (*box.FileFull, error) {
	s.note("get % fields=% if-none-match=% boxapi=%", req.FileID, strings.Join(req.Fields, "|"), req.IfNoneMatch, req.Boxapi)
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.files[req.FileID]
	if f == nil {
		return nil, &box.APIError{HTTPStatus: http.StatusNotFound, Message: "not_found"}
	}
	return f, nil
}

func (s *drive) PutFilesID(ctx context.Context, req *box.PutFilesIDRequest) (*box.FileFull, error) {
	s.note("put % if-match=%", req.FileID, req.IfMatch)
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.files[req.FileID]
	if req.IfMatch != "" && req.IfMatch != f.Etag {
		return nil, &box.APIError{HTTPStatus: http.StatusPreconditionFailed, Message: "precondition_failed"}
	}
	f.Name, f.Description, f.Tags = req.Body.Name, req.Body.Description, req.Body.Tags
	return f, nil
}

func (s *drive) DeleteFilesID(ctx context.Context, req *box.DeleteFilesIDRequest) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.deleted = append(s.deleted, req.FileID+" if-match="+req.IfMatch)
	delete(s.files, req.FileID)
	return nil
}

func (s *drive) PostOauth2Token(ctx context.Context, req *box.PostOAuth2Token) (*box.AccessToken, error) {
	if req.GrantType != "client_credentials" || req.ClientID != "id-1" || req.ClientSecret != "s3cret&=" {
		return nil, &box.APIError{HTTPStatus: http.StatusBadRequest, Message: "invalid_client"}
	}
	ttl := int64(3600)
	return &box.AccessToken{AccessToken: "T9cE5asGnuyYCCqIZFoWjFHvNbvVqHjl", ExpiresIn: &ttl, TokenType: "bearer",
		RestrictedTo: []box.FileScope{{Scope: "item_download"}}}, nil
}

func (s *drive) GetFoldersIDItems(ctx context.Context, req *box.GetFoldersIDItemsRequest) (*box.Items, error) {
	offset := int64(0)
	if req.Offset != nil {
		offset = *req.Offset
	}
	total := int64(2)
	entry := json.RawMessage(`{"id":"12345","type":"file","name":"Contract.pdf","sequence_id":"3"}`)
	return &box.Items{TotalCount: &total, Offset: &offset, Limit: req.Limit, Entries: []json.RawMessage{entry},
		Order: []box.ItemsOrderItem{{By: req.Sort, Direction: req.Direction}}}, nil
}

func (s *drive) PostCollaborations(ctx context.Context, req *box.PostCollaborationsRequest) (*box.Collaboration, error) {
	notify := "unset"
	if req.Notify != nil && *req.Notify {
		notify = "true"
	}
	s.note("collaborate % on % % as % notify=%", req.Body.AccessibleBy.Login, req.Body.Item.Type, req.Body.Item.ID, req.Body.Role, notify)
	item, _ := json.Marshal(req.Body.Item)
	return &box.Collaboration{ID: "c1", Type: "collaboration", Role: req.Body.Role, Status: "pending", Item: item,
		InviteEmail: req.Body.AccessibleBy.Login}, nil
}

func (s *drive) PostComments(ctx context.Context, req *box.PostCommentsRequest) (*box.Comment, error) {
	no := false
	return &box.Comment{ID: "cm1", Type: "comment", Message: req.Body.Message, IsReplyComment: &no,
		Item: &box.CommentItem{ID: req.Body.Item.ID, Type: req.Body.Item.Type}}, nil
}

func TestRoundTrip(t *testing.T) {
	impl := &drive{files: map[string]*box.FileFull{
		"12345": {ID: "12345", Type: "file", Etag: "1", Name: "Contract.pdf", SequenceID: "3", Sha1: "85136C79CBF9FE36BB9D05D0639C70C265C18D37",
			Size: 629644, Description: "Contract for Q1", ItemStatus: "active", Tags: []string{"legal"},
			OwnedBy: box.UserMini{ID: "11446498", Type: "user", Name: "Aaron Levie"}, Parent: &box.FolderMini{ID: "0", Type: "folder"}},
	}}
	srv := httptest.NewServer(box.NewHandler(impl))
	defer srv.Close()
	c := box.NewClient(srv.URL, box.WithHTTPClient(srv.Client()))
	ctx := context.Background()
	var apiErr *box.APIError

	// A path parameter, a list query parameter with explode: false (sent
	// comma-separated) and header parameters.
	f, err := c.GetFilesID(ctx, &box.GetFilesIDRequest{FileID: "12345", Fields: []string{"name", "size", "tags"}, IfNoneMatch: "0", Boxapi: "shared_link=x"})
	if err != nil {
		t.Fatalf("GetFilesID: %v", err)
	}
	if f.Name != "Contract.pdf" || f.Size != 629644 || f.OwnedBy.Name != "Aaron Levie" || f.Parent == nil || f.Parent.ID != "0" || !reflect.DeepEqual(f.Tags, []string{"legal"}) {
		t.Errorf("GetFilesID = %+v", f)
	}
	if want := "get 12345 fields=name|size|tags if-none-match=0 boxapi=shared_link=x"; len(impl.seen) == 0 || impl.seen[0] != want {
		t.Errorf("the server saw %q, want %q", impl.seen, want)
	}
	if _, err := c.GetFilesID(ctx, &box.GetFilesIDRequest{FileID: "999"}); !errors.As(err, &apiErr) || apiErr.HTTPStatus != http.StatusNotFound || !strings.Contains(string(apiErr.Body), "not_found") {
		t.Errorf("GetFilesID(999): got %v, want a 404 *APIError with the body", err)
	}

	// A JSON body with a path parameter and an If-Match header.
	put, err := c.PutFilesID(ctx, &box.PutFilesIDRequest{FileID: "12345", IfMatch: "1", Body: &box.PutFilesIDBody{Name: "Contract v2.pdf", Description: "signed", Tags: []string{"legal", "2024"}}})
	if err != nil || put.Name != "Contract v2.pdf" || put.Description != "signed" || len(put.Tags) != 2 {
		t.Errorf("PutFilesID = %+v, %v", put, err)
	}
	if _, err := c.PutFilesID(ctx, &box.PutFilesIDRequest{FileID: "12345", IfMatch: "7", Body: &box.PutFilesIDBody{Name: "x"}}); !errors.As(err, &apiErr) || apiErr.HTTPStatus != http.StatusPreconditionFailed {
		t.Errorf("PutFilesID with a stale etag: got %v, want a 412 *APIError", err)
	}

	// A form body (application/x-www-form-urlencoded).
	tok, err := c.PostOauth2Token(ctx, &box.PostOAuth2Token{GrantType: "client_credentials", ClientID: "id-1", ClientSecret: "s3cret&=", BoxSubjectType: "enterprise", BoxSubjectID: "42"})
	if err != nil || tok.AccessToken != "T9cE5asGnuyYCCqIZFoWjFHvNbvVqHjl" || tok.ExpiresIn == nil || *tok.ExpiresIn != 3600 || len(tok.RestrictedTo) != 1 || tok.RestrictedTo[0].Scope != "item_download" {
		t.Errorf("PostOauth2Token = %+v, %v", tok, err)
	}
	// grant_type is a required enum: the handler refuses a form without it.
	if _, err := c.PostOauth2Token(ctx, &box.PostOAuth2Token{ClientID: "id-1"}); !errors.As(err, &apiErr) || apiErr.HTTPStatus != http.StatusBadRequest || !strings.Contains(string(apiErr.Body), "grant_type") {
		t.Errorf("PostOauth2Token without grant_type: got %v, want a 400 *APIError naming grant_type", err)
	}

	// Query parameters: integers, a boolean and enums.
	limit, offset, marker := int64(100), int64(10), false
	items, err := c.GetFoldersIDItems(ctx, &box.GetFoldersIDItemsRequest{FolderID: "0", Limit: &limit, Offset: &offset, Usemarker: &marker, Sort: "name", Direction: "DESC"})
	if err != nil {
		t.Fatalf("GetFoldersIDItems: %v", err)
	}
	if *items.TotalCount != 2 || *items.Offset != 10 || *items.Limit != 100 || len(items.Order) != 1 || items.Order[0].By != "name" || items.Order[0].Direction != "DESC" {
		t.Errorf("GetFoldersIDItems = %+v", items)
	}
	var entry struct{ ID, Type, Name string }
	if len(items.Entries) != 1 || json.Unmarshal(items.Entries[0], &entry) != nil || entry.Name != "Contract.pdf" {
		t.Errorf("GetFoldersIDItems entries = %s", items.Entries)
	}
	if _, err := c.GetFoldersIDItems(ctx, &box.GetFoldersIDItemsRequest{FolderID: "0", Direction: "UP"}); !errors.As(err, &apiErr) || apiErr.HTTPStatus != http.StatusBadRequest {
		t.Errorf("GetFoldersIDItems(direction UP): got %v, want a 400 *APIError", err)
	}

	// A JSON body of nested required objects, with a boolean query
	// parameter; the spec answers 201.
	yes := true
	collab, err := c.PostCollaborations(ctx, &box.PostCollaborationsRequest{Notify: &yes, Body: &box.PostCollaborationsBody{
		Item: box.PostCollaborationsBodyItem{ID: "12345", Type: "file"}, AccessibleBy: box.PostCollaborationsBodyAccessibleBy{Type: "user", Login: "ann@example.com"}, Role: "editor"}})
	if err != nil || collab.Role != "editor" || collab.InviteEmail != "ann@example.com" || !strings.Contains(string(collab.Item), `"12345"`) {
		t.Errorf("PostCollaborations = %+v, %v", collab, err)
	}
	if want := "collaborate ann@example.com on file 12345 as editor notify=true"; impl.seen[len(impl.seen)-1] != want {
		t.Errorf("the server saw %q, want %q", impl.seen[len(impl.seen)-1], want)
	}
	if _, err := c.PostCollaborations(ctx, &box.PostCollaborationsRequest{Body: &box.PostCollaborationsBody{
		Item: box.PostCollaborationsBodyItem{ID: "1", Type: "file"}, AccessibleBy: box.PostCollaborationsBodyAccessibleBy{Type: "user"}, Role: "owner"}}); !errors.As(err, &apiErr) || apiErr.HTTPStatus != http.StatusBadRequest {
		t.Errorf("PostCollaborations as owner: got %v, want a 400 *APIError (role is an enum)", err)
	}

	comment, err := c.PostComments(ctx, &box.PostCommentsRequest{Body: &box.PostCommentsBody{Message: "Looks good", Item: &box.PostCommentsBodyItem{ID: "12345", Type: "file"}}})
	if err != nil || comment.Message != "Looks good" || comment.Item == nil || comment.Item.ID != "12345" || comment.IsReplyComment == nil || *comment.IsReplyComment {
		t.Errorf("PostComments = %+v, %v", comment, err)
	}

	// A 204 answer to a DELETE with an If-Match header.
	if err := c.DeleteFilesID(ctx, &box.DeleteFilesIDRequest{FileID: "12345", IfMatch: "1"}); err != nil {
		t.Fatalf("DeleteFilesID: %v", err)
	}
	if !reflect.DeepEqual(impl.deleted, []string{"12345 if-match=1"}) {
		t.Errorf("the server deleted %q", impl.deleted)
	}
}

// TestStatuses checks the statuses the handler answers with: 201 where
// the spec documents it, 204 for no content.
func TestStatuses(t *testing.T) {
	srv := httptest.NewServer(box.NewHandler(&drive{files: map[string]*box.FileFull{}}))
	defer srv.Close()
	for _, tc := range []struct {
		method, path, contentType, body string
		want                            int
	}{
		{"POST", "/comments", "application/json", `{"message":"hi","item":{"id":"1","type":"file"}}`, http.StatusCreated},
		{"DELETE", "/files/1", "", "", http.StatusNoContent},
		{"POST", "/oauth2/token", "application/x-www-form-urlencoded", "grant_type=client_credentials&client_id=id-1&client_secret=s3cret%26%3D", http.StatusOK},
	} {
		req, err := http.NewRequest(tc.method, srv.URL+tc.path, strings.NewReader(tc.body))
		if err != nil {
			t.Fatal(err)
		}
		if tc.contentType != "" {
			req.Header.Set("Content-Type", tc.contentType)
		}
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.want {
			t.Errorf("%s %s answered %d, want %d", tc.method, tc.path, resp.StatusCode, tc.want)
		}
	}
}
