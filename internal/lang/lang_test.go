package lang

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestTableComplete: every row sets every word, month, date part, quote
// and hyphenation minimum, so no renderer ever prints an empty word.
func TestTableComplete(t *testing.T) {
	seen := map[string]bool{}
	for _, l := range table {
		if seen[l.Tag] || l.Tag != Normalize(l.Tag) {
			t.Errorf("tag %q duplicated or not normalised", l.Tag)
		}
		seen[l.Tag] = true
		w := reflect.ValueOf(l.Words)
		for i := 0; i < w.NumField(); i++ {
			if w.Field(i).String() == "" {
				t.Errorf("%s: word %s is empty", l.Tag, w.Type().Field(i).Name)
			}
		}
		for i, m := range l.Months {
			if m == "" {
				t.Errorf("%s: month %d is empty", l.Tag, i+1)
			}
		}
		for _, part := range []string{"{d}", "{month}", "{yyyy}"} {
			if !strings.Contains(l.DateFormat, part) {
				t.Errorf("%s: date format %q lacks %s", l.Tag, l.DateFormat, part)
			}
		}
		q := l.Quotes
		if q.Open == "" || q.Close == "" || q.InnerOpen == "" || q.InnerClose == "" {
			t.Errorf("%s: quotes %+v incomplete", l.Tag, q)
		}
		if l.LeftHyphenMin < 1 || l.RightHyphenMin < 1 {
			t.Errorf("%s: hyphen minimums %d/%d", l.Tag, l.LeftHyphenMin, l.RightHyphenMin)
		}
		for _, w := range l.StopWords {
			if len(w) > maxStopWord {
				t.Errorf("%s: stop word %q is longer than maxStopWord", l.Tag, w)
			}
		}
		if len(l.StopWords) < 15 {
			t.Errorf("%s: only %d stop words", l.Tag, len(l.StopWords))
		}
		for _, f := range []string{l.Words.ContinuedOnPage, l.Words.ContinuedFromPage, l.Words.BackToReference} {
			if strings.Count(f, "%d") != 1 || strings.Count(f, "%") != 1 {
				t.Errorf("%s: %q must hold one %%d", l.Tag, f)
			}
		}
		if f := l.Words.CoverOf; strings.Count(f, "%s") != 1 || strings.Count(f, "%") != 1 {
			t.Errorf("%s: %q must hold one %%s", l.Tag, f)
		}
		for i, d := range l.Days {
			if d == "" {
				t.Errorf("%s: day %d is empty", l.Tag, i)
			}
		}
		if !strings.Contains(l.DayDateFormat, "{day}") || !strings.Contains(l.DayDateFormat, "{date}") {
			t.Errorf("%s: day date format %q lacks {day} or {date}", l.Tag, l.DayDateFormat)
		}
	}
}

func TestLookup(t *testing.T) {
	for _, tc := range []struct{ tag, want string }{
		{"en", "en"}, {"EN-gb", "en"}, {"de-AT", "de"}, {"pt_BR", "pt-br"}, {"pt-PT", "pt"},
		{"fr-CA", "fr"}, {"xx", ""}, {"", ""},
	} {
		got := ""
		if l := Lookup(tc.tag); l != nil {
			got = l.Tag
		}
		if got != tc.want {
			t.Errorf("Lookup(%q) = %q, want %q", tc.tag, got, tc.want)
		}
	}
	if For("xx") != Default {
		t.Error("For(unknown) is not Default")
	}
}

func TestWords(t *testing.T) {
	d := time.Date(2026, 11, 9, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct{ got, want string }{
		{For("en").LongDate(d), "9 November 2026"},
		{For("de-AT").LongDate(d), "9. November 2026"},
		{For("es").LongDate(d), "9 de noviembre de 2026"},
		{For("fr").LongDate(d), "9 novembre 2026"},
		{For("en").DayDate(d), "Monday, 9 November 2026"},
		{For("de").DayDate(d), "Montag, 9. November 2026"},
		{For("fr").DayDate(d), "lundi 9 novembre 2026"},
		{For("pt-BR").DayDate(d), "segunda-feira, 9 de novembro de 2026"},
		{For("en").Byline(nil), ""},
		{For("en").Byline([]string{"A", "B", "C"}), "By A, B and C"},
		{For("it").Byline([]string{"A", "B"}), "Di A e B"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func TestGuess(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"The strike began on a Monday, and by the end of the week it was clear that the owners were not going to win this one with the help of the police.", "en"},
		{"Der Streik begann an einem Montag, und am Ende der Woche war klar, dass die Eigentümer ihn nicht mit der Hilfe der Polizei gewinnen würden, auch wenn sie es versuchten.", "de"},
		{"La grève a commencé un lundi et à la fin de la semaine il était clair que les patrons ne pourraient pas la gagner avec la police, qui ne se montrait plus dans les rues.", "fr"},
		{"La huelga empezó un lunes y al final de la semana estaba claro que los dueños no la iban a ganar con la ayuda de la policía, que no se veía por las calles.", "es"},
		{"A greve começou numa segunda-feira e no fim da semana era claro que os patrões não a iam ganhar com a ajuda da polícia, que não se via nas ruas da cidade.", "pt"},
		{"Lo sciopero è cominciato un lunedì e alla fine della settimana era chiaro che i padroni non lo avrebbero vinto con la polizia, che non si vedeva più per le strade.", "it"},
		{"De staking begon op een maandag en aan het einde van de week was het duidelijk dat de eigenaren het niet zouden winnen met de hulp van de politie, die er ook niet was.", "nl"},
		{"Short text.", ""},
		{"func main() { fmt.Println(x) }", ""},
	} {
		got := ""
		if l := Guess(tc.text); l != nil {
			got = Base(l.Tag)
		}
		if got != tc.want {
			t.Errorf("Guess(%.30q…) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestScripts(t *testing.T) {
	for _, tc := range []struct {
		r    rune
		want string
	}{{'a', ""}, {'é', ""}, {'«', ""}, {'я', "ru"}, {'Ё', "ru"}, {'λ', "el"}, {'ἔ', "el"}, {'ש', "he"}, {'ع', "ar"}, {'ی', "ar"}, {'中', ""}} {
		got := ""
		if s := ScriptOf(tc.r); s != nil {
			got = s.Tag
		}
		if got != tc.want {
			t.Errorf("ScriptOf(%q) = %q, want %q", tc.r, got, tc.want)
		}
	}
	if s := ScriptOf('я'); !s.WrittenIn("uk-UA") || s.WrittenIn("en") {
		t.Error("WrittenIn")
	}
	for tag, want := range map[string]bool{"he": true, "ar-EG": true, "fa": true, "en": false, "ru": false} {
		if RTL(tag) != want {
			t.Errorf("RTL(%q) != %v", tag, want)
		}
	}
	for _, s := range scripts {
		if !s.WrittenIn(s.Tag) {
			t.Errorf("%s: its guess %q is not among its languages", s.Name, s.Tag)
		}
	}
}

// TestGuessTexts checks that texts given apart are read as the one text
// they make joined by line breaks.
func TestGuessTexts(t *testing.T) {
	texts := []string{
		"The strike began on a Monday, and by the end of the week",
		"it was clear that the owners were not going to win this one.",
		"Der Streik begann an einem Montag, und am Ende der Woche war klar,",
		"dass die Eigentümer ihn nicht gewinnen würden, auch wenn sie es versuchten.",
	}
	for i := range texts {
		for j := i; j <= len(texts); j++ {
			parts := texts[i:j]
			if got, want := Guess(parts...), Guess(strings.Join(parts, "\n")); got != want {
				t.Errorf("Guess(%q...) = %v, joined %v", parts, got, want)
			}
		}
	}
}

func TestLowerASCII(t *testing.T) {
	for _, w := range []string{"", "the", "The", "THE", "don't", "Über", "x1Y", "@[`{"} {
		got, ok := lowerASCII(nil, w)
		if want := strings.ToLower(w); ok && string(got) != want {
			t.Errorf("lowerASCII(%q) = %q, want %q", w, got, want)
		}
		if ascii := strings.IndexFunc(w, func(r rune) bool { return r >= 0x80 }) < 0; ok != ascii {
			t.Errorf("lowerASCII(%q): ok = %v", w, ok)
		}
	}
}
