using System.Xml.Linq;

namespace Wso2Serverless.Aws.Http;

/// <summary>
/// The AWS Query protocol (CloudFormation, SNS): a form-encoded POST of Action, Version and the
/// fields, answered by XML. Returns the <c>&lt;ActionResult&gt;</c> element; errors become
/// <see cref="AwsServiceException"/>. XML is read by <see cref="QueryXml"/> into LINQ to XML, which needs no reflection.
/// </summary>
public sealed class QueryProtocolClient(HttpClient http, string service, string version)
{
    public async Task<XElement?> SendAsync(string action, QueryParameters parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var fields = new List<KeyValuePair<string, string>>(parameters.Fields.Count + 2)
        {
            new("Action", action),
            new("Version", version),
        };
        fields.AddRange(parameters.Fields);

        using var content = new FormUrlEncodedContent(fields);
        using var request = new HttpRequestMessage(HttpMethod.Post, http.BaseAddress) { Content = content };
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await AwsErrorParser.ReadAsync(service, response, cancellationToken).ConfigureAwait(false);
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return QueryXml.Parse(body).Elements().FirstOrDefault(e => e.Name.LocalName == action + "Result");
    }
}
