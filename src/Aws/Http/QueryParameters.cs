using System.Globalization;

namespace Wso2Serverless.Aws.Http;

/// <summary>
/// The form fields of an AWS Query request. Lists and structures flatten the Query way:
/// <c>Parameters.member.1.ParameterKey</c>; absent values are left out rather than sent empty,
/// because an empty field means "set to empty" to the service.
/// </summary>
public sealed class QueryParameters
{
    private readonly List<KeyValuePair<string, string>> _fields = [];

    public IReadOnlyList<KeyValuePair<string, string>> Fields => _fields;

    public QueryParameters Add(string name, string? value)
    {
        if (value is not null)
        {
            _fields.Add(new(name, value));
        }

        return this;
    }

    public QueryParameters Add(string name, int? value) =>
        Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public QueryParameters Add(string name, bool? value) =>
        Add(name, value is null ? null : value.Value ? "true" : "false");

    /// <summary>A list of strings: <c>Name.member.1</c>, <c>Name.member.2</c>...</summary>
    public QueryParameters AddList(string name, IEnumerable<string>? values)
    {
        var index = 1;
        foreach (var value in values ?? [])
        {
            Add($"{name}.member.{index++}", value);
        }

        return this;
    }

    /// <summary>A list of structures; <paramref name="fields"/> yields each member's (field, value) pairs.</summary>
    public QueryParameters AddList<T>(string name, IEnumerable<T>? items, Func<T, IEnumerable<(string Field, string? Value)>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var index = 1;
        foreach (var item in items ?? [])
        {
            foreach (var (field, value) in fields(item))
            {
                Add($"{name}.member.{index}.{field}", value);
            }

            index++;
        }

        return this;
    }
}
