using System.Xml;
using SecretGuard.Findings;

namespace SecretGuard.SourceMapping;

/// <summary>Where an MSBuild item or property is written in a project or props file.</summary>
/// <param name="RawValue">The item's Value attribute (or property's text) as written, before expansion.</param>
internal sealed record XmlDefinition(SourceLocation Location, string? RawValue);

/// <summary>
/// Reads MSBuild XML files with line information to find the element that defines an item or property.
/// The last definition wins, as in MSBuild evaluation. Unreadable files yield no result, not an error:
/// the caller falls back to the project file.
/// </summary>
internal sealed class XmlDefinitionLocator
{
    private readonly Dictionary<string, List<Element>> _cache = new(StringComparer.Ordinal);

    private sealed record Element(string Name, int Line, int Column, Dictionary<string, string> Attributes, string Text);

    /// <summary>The item element of <paramref name="itemType"/> whose Include (or Update) lists <paramref name="include"/>.</summary>
    public XmlDefinition? FindItem(string file, string itemType, string include)
    {
        XmlDefinition? found = null;
        foreach (var e in Read(file))
        {
            if (!string.Equals(e.Name, itemType, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var spec = e.Attributes.GetValueOrDefault("Include") ?? e.Attributes.GetValueOrDefault("Update");
            if (spec is null)
            {
                continue;
            }

            if (spec.Split(';').Any(part => string.Equals(part.Trim(), include, StringComparison.OrdinalIgnoreCase)))
            {
                var value = e.Attributes.GetValueOrDefault("Value") ?? (e.Text.Length > 0 ? e.Text : null);
                found = new XmlDefinition(new SourceLocation(file, e.Line, e.Column), value);
            }
        }

        return found;
    }

    /// <summary>The last element that sets property <paramref name="name"/> in any of the files, in order.</summary>
    public XmlDefinition? FindProperty(IEnumerable<string> files, string name)
    {
        XmlDefinition? found = null;
        foreach (var file in files)
        {
            foreach (var e in Read(file))
            {
                if (string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase) && e.Text.Length > 0)
                {
                    found = new XmlDefinition(new SourceLocation(file, e.Line, e.Column), e.Text);
                }
            }
        }

        return found;
    }

    private List<Element> Read(string file)
    {
        if (_cache.TryGetValue(file, out var cached))
        {
            return cached;
        }

        var elements = new List<Element>();
        try
        {
            using var reader = XmlReader.Create(file, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true });
            var lineInfo = (IXmlLineInfo)reader;
            var open = new Stack<Element>();
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    // LinePosition points at the name; MSBuild reports the '<' one column earlier.
                    var element = new Element(reader.LocalName, lineInfo.LineNumber, Math.Max(1, lineInfo.LinePosition - 1), new(StringComparer.OrdinalIgnoreCase), "");
                    if (reader.MoveToFirstAttribute())
                    {
                        do
                        {
                            element.Attributes[reader.LocalName] = reader.Value;
                        }
                        while (reader.MoveToNextAttribute());
                        reader.MoveToElement();
                    }

                    elements.Add(element);
                    if (!reader.IsEmptyElement)
                    {
                        open.Push(element);
                    }
                }
                else if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA && open.Count > 0)
                {
                    var top = open.Pop();
                    var withText = top with { Text = top.Text + reader.Value.Trim() };
                    elements[elements.LastIndexOf(top)] = withText;
                    open.Push(withText);
                }
                else if (reader.NodeType == XmlNodeType.EndElement && open.Count > 0)
                {
                    open.Pop();
                }
            }
        }
        catch (Exception ex) when (ex is XmlException or IOException or UnauthorizedAccessException)
        {
            // Fall back to whatever was read; the caller reports against the project file.
        }

        _cache[file] = elements;
        return elements;
    }
}
