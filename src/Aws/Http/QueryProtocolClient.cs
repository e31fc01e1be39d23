using System.Xml.Linq;

namespace Wso2Serverless.Aws.Http;

/// <summary>
/// The AWS Query protocol (CloudFormation, SNS, ELB, IAM) and its EC2 dialect: a form-encoded
/// POST of Action, Version and the fields, answered by XML. <see cref="SendAsync"/> returns the
/// <c>&lt;ActionResult&gt;</c> element; EC2 has no such wrapper and reads the response element
/// itself (<see cref="SendForResponseAsync"/>). Errors become <see cref="AwsServiceException"/>.
/// XML is read by <see cref="QueryXml"/> into LINQ to XML, which needs no reflection.
/// </summary>
public sealed class QueryProtocolClient(HttpClient http, string service, string version)
{
    public async Task<XElement?> SendAsync(string action, QueryParameters parameters, CancellationToken cancellationToken)
    {
        var response = await SendForResponseAsync(action, parameters, cancellationToken).ConfigureAwait(false);
        return response?.Elements().FirstOrDefault(e => e.Name.LocalName == action + "Result");
    }

    /// <summary>The <c>&lt;ActionResponse&gt;</c> root element, for the EC2 dialect whose fields sit right under it.</summary>
    public async Task<XElement?> SendForResponseAsync(string action, QueryParameters parameters, CancellationToken cancellationToken)
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
        return QueryXml.Parse(body);
    }
}
