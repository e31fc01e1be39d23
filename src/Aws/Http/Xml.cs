using System.Globalization;
using System.Xml.Linq;

namespace Wso2Serverless.Aws.Http;

/// <summary>
/// Namespace-blind readers for Query responses: services and emulators differ in the namespace
/// they declare, never in the local names.
/// </summary>
public static class Xml
{
    public static XElement? Child(this XElement? element, string name) =>
        element?.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    public static string? Text(this XElement? element, string name) => element.Child(name)?.Value;

    /// <summary>The <c>&lt;member&gt;</c> items of a list field (EC2 calls them <c>&lt;item&gt;</c>).</summary>
    public static IEnumerable<XElement> Members(this XElement? element, string listName, string itemName = "member") =>
        element.Child(listName)?.Elements().Where(e => e.Name.LocalName == itemName) ?? [];

    public static bool? Bool(this XElement? element, string name) =>
        element.Text(name) is { } text ? string.Equals(text.Trim(), "true", StringComparison.OrdinalIgnoreCase) : null;

    public static DateTimeOffset? Time(this XElement? element, string name) =>
        DateTimeOffset.TryParse(element.Text(name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value) ? value : null;
}
