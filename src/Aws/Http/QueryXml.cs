using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Wso2Serverless.Aws.Http;

/// <summary>
/// Reads the XML the Query services (CloudFormation, SNS, ...) answer with into LINQ to XML
/// elements, without <see cref="XmlReader"/>: the reader and its DTD and schema machinery were
/// about 600 KB of the Lambda binary and 4% of its start-up instructions (docs/decisions.md).
/// What those answers use is read as <see cref="XDocument.Parse(string)"/> reads it: elements,
/// text with the five entities and character references, CDATA, comments and processing
/// instructions (skipped), whitespace-only text dropped, line ends normalised to '\n'. Names keep
/// only their local part (every reader here is namespace-blind); attributes are checked and
/// dropped. A document type declaration is refused: AWS never sends one, and expanding one is
/// how XML attacks start. Anything malformed is an <see cref="XmlException"/>.
/// </summary>
public static class QueryXml
{
    private const int MaxDepth = 64;

    /// <summary>The root element of <paramref name="xml"/>.</summary>
    public static XElement Parse(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var cursor = new Cursor(xml);
        cursor.SkipMisc();
        if (!cursor.At("<"))
        {
            throw cursor.Error("no root element");
        }

        var root = cursor.ReadElement(0);
        cursor.SkipMisc();
        return cursor.AtEnd ? root : throw cursor.Error("content after the root element");
    }

    private sealed class Cursor(string text)
    {
        private int _at = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;

        public bool AtEnd => _at >= text.Length;

        public bool At(string token) => string.CompareOrdinal(text, _at, token, 0, token.Length) == 0;

        public XmlException Error(string what) => new($"Malformed XML at offset {_at}: {what}.");

        /// <summary>Whitespace, comments and processing instructions (the XML declaration is one).</summary>
        public void SkipMisc()
        {
            while (true)
            {
                SkipWhitespace();
                if (At("<?"))
                {
                    SkipPast("?>");
                }
                else if (At("<!--"))
                {
                    SkipPast("-->");
                }
                else if (At("<!"))
                {
                    throw Error("document type declarations are not accepted");
                }
                else
                {
                    return;
                }
            }
        }

        /// <summary>An element starting at '&lt;', its content and its end tag.</summary>
        public XElement ReadElement(int depth)
        {
            if (depth >= MaxDepth)
            {
                throw Error($"elements nested deeper than {MaxDepth}");
            }

            _at++; // '<'
            var name = ReadName();
            var element = new XElement(XName.Get(LocalPart(name)));
            if (SkipAttributes())
            {
                return element; // <name ... />
            }

            var pending = new StringBuilder();
            while (true)
            {
                if (AtEnd)
                {
                    throw Error($"<{name}> is not closed");
                }

                if (text[_at] != '<')
                {
                    ReadText(pending);
                }
                else if (At("</"))
                {
                    Flush(element, pending);
                    _at += 2;
                    var closing = ReadName();
                    SkipWhitespace();
                    Expect('>');
                    return closing == name ? element : throw Error($"</{closing}> closes <{name}>");
                }
                else if (At("<![CDATA["))
                {
                    // A CDATA section is text of its own, kept even when it is only whitespace.
                    Flush(element, pending);
                    _at += "<![CDATA[".Length;
                    var end = IndexOf("]]>");
                    element.Add(new XText(Normalize(text.AsSpan(_at, end - _at))));
                    _at = end + 3;
                }
                else if (At("<!--"))
                {
                    SkipPast("-->");
                }
                else if (At("<?"))
                {
                    SkipPast("?>");
                }
                else if (At("<!"))
                {
                    throw Error("declarations are not accepted inside an element");
                }
                else
                {
                    Flush(element, pending);
                    element.Add(ReadElement(depth + 1));
                }
            }
        }

        // Whitespace-only text between markup is insignificant (as XDocument.Parse's default
        // LoadOptions.None treats it); other text is kept whole, entities decoded.
        private static void Flush(XElement element, StringBuilder pending)
        {
            if (pending.Length > 0 && !IsWhitespace(pending))
            {
                element.Add(new XText(pending.ToString()));
            }

            pending.Clear();
        }

        private void ReadText(StringBuilder into)
        {
            var start = _at;
            while (_at < text.Length && text[_at] != '<')
            {
                if (text[_at] == '&')
                {
                    into.Append(Normalize(text.AsSpan(start, _at - start)));
                    into.Append(ReadReference());
                    start = _at;
                }
                else
                {
                    _at++;
                }
            }

            into.Append(Normalize(text.AsSpan(start, _at - start)));
        }

        private string ReadReference()
        {
            var end = text.IndexOf(';', _at);
            if (end < 0 || end - _at > 12)
            {
                throw Error("an '&' that starts no reference");
            }

            var name = text.AsSpan(_at + 1, end - _at - 1);
            var value = name switch
            {
                "lt" => "<",
                "gt" => ">",
                "amp" => "&",
                "quot" => "\"",
                "apos" => "'",
                _ when name.StartsWith("#x") && int.TryParse(name[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex) => Character(hex),
                _ when name.StartsWith("#") && int.TryParse(name[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var dec) => Character(dec),
                _ => throw Error($"unknown reference &{name.ToString()};"),
            };
            _at = end + 1;
            return value;
        }

        private string Character(int codePoint) =>
            codePoint is 0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or (>= 0x10000 and <= 0x10FFFF)
                ? char.ConvertFromUtf32(codePoint)
                : throw Error($"character reference to U+{codePoint:X4}, which XML does not allow");

        /// <summary>Skips the attributes of a start tag; true when the tag closes itself ("/&gt;").</summary>
        private bool SkipAttributes()
        {
            while (true)
            {
                var spaced = SkipWhitespace();
                if (At("/>"))
                {
                    _at += 2;
                    return true;
                }

                if (At(">"))
                {
                    _at++;
                    return false;
                }

                if (!spaced)
                {
                    throw Error("attributes must be separated by whitespace");
                }

                ReadName();
                SkipWhitespace();
                Expect('=');
                SkipWhitespace();
                var quote = AtEnd ? '\0' : text[_at];
                if (quote is not ('"' or '\''))
                {
                    throw Error("an attribute value must be quoted");
                }

                var end = text.IndexOf(quote, _at + 1);
                if (end < 0 || text.AsSpan(_at + 1, end - _at - 1).Contains('<'))
                {
                    throw Error("an attribute value is not closed");
                }

                _at = end + 1;
            }
        }

        private string ReadName()
        {
            var start = _at;
            while (_at < text.Length && !char.IsWhiteSpace(text[_at]) && text[_at] is not ('>' or '/' or '=' or '<' or '"' or '\''))
            {
                _at++;
            }

            return _at > start ? text[start.._at] : throw Error("a name is missing");
        }

        private bool SkipWhitespace()
        {
            var start = _at;
            while (_at < text.Length && text[_at] is ' ' or '\t' or '\r' or '\n')
            {
                _at++;
            }

            return _at > start;
        }

        private void Expect(char c)
        {
            if (AtEnd || text[_at] != c)
            {
                throw Error($"'{c}' expected");
            }

            _at++;
        }

        private void SkipPast(string end) => _at = IndexOf(end) + end.Length;

        private int IndexOf(string end)
        {
            var found = text.IndexOf(end, _at, StringComparison.Ordinal);
            return found >= 0 ? found : throw Error($"'{end}' expected");
        }

        private static string LocalPart(string name) => name[(name.LastIndexOf(':') + 1)..];

        // XML reads "\r\n" and a lone "\r" as "\n".
        private static string Normalize(ReadOnlySpan<char> span) =>
            span.Contains('\r') ? span.ToString().Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n') : span.ToString();

        private static bool IsWhitespace(StringBuilder text)
        {
            foreach (var chunk in text.GetChunks())
            {
                foreach (var c in chunk.Span)
                {
                    if (c is not (' ' or '\t' or '\n' or '\r'))
                    {
                        return false;
                    }
                }
            }

            return true;
        }
    }
}
