using System.Text;
using System.Xml;
using System.Xml.Linq;
using Wso2Serverless.Aws.Http;

namespace Wso2Serverless.Aws.Tests.Http;

/// <summary>
/// Our Query-response reader against <see cref="XDocument.Parse(string)"/>, the reader it replaces:
/// the same tree (local names, text) for AWS's documented answers, for tricky text, and for random
/// documents written by <see cref="XmlWriter"/>; malformed input refused by both.
/// </summary>
public sealed class QueryXmlTests
{
    /// <summary>Element local names and text, depth first: what every Query reader here looks at.</summary>
    private static string Shape(XElement element)
    {
        var shape = new StringBuilder();
        Walk(element, 0);
        return shape.ToString();

        void Walk(XElement e, int depth)
        {
            shape.Append(' ', depth).Append(e.Name.LocalName);
            if (!e.HasElements)
            {
                shape.Append(" = [").Append(e.Value).Append(']');
            }

            shape.Append('\n');
            foreach (var child in e.Elements())
            {
                Walk(child, depth + 1);
            }
        }
    }

    private static void ReadsAsXDocumentDoes(string xml) =>
        Shape(QueryXml.Parse(xml)).Should().Be(Shape(XDocument.Parse(xml).Root!), xml);

    [Fact]
    public void DescribeStacksAnswer_AsAwsDocumentsIt()
    {
        ReadsAsXDocumentDoes("""
            <?xml version="1.0" encoding="UTF-8"?>
            <DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
              <DescribeStacksResult>
                <Stacks>
                  <member>
                    <StackName>wso2-dev</StackName>
                    <StackId>arn:aws:cloudformation:us-east-1:123456789012:stack/wso2-dev/aaf549a0-a413-11df-adb3-5081b3858e83</StackId>
                    <Description>APIM &amp; MI pattern-1 &lt;dev&gt;</Description>
                    <Parameters>
                      <member><ParameterKey>KeyName</ParameterKey><ParameterValue>ops</ParameterValue></member>
                    </Parameters>
                    <CreationTime>2010-07-27T22:28:28Z</CreationTime>
                    <StackStatus>CREATE_COMPLETE</StackStatus>
                    <DisableRollback>false</DisableRollback>
                    <Outputs/>
                  </member>
                </Stacks>
              </DescribeStacksResult>
              <ResponseMetadata><RequestId>b9b4b068-3a41-11e5-94eb-example</RequestId></ResponseMetadata>
            </DescribeStacksResponse>
            """);
    }

    [Theory]
    [InlineData("<a>  spaced  text  </a>")]
    [InlineData("<a>line\r\nnext\rlast</a>")]
    [InlineData("<a>&#65;&#x42;&#x1F680; &quot;q&quot; &apos;a&apos;</a>")]
    [InlineData("<a><![CDATA[<not> &amp; markup]]></a>")]
    [InlineData("<a>x<!-- note -->y<?pi data?>z</a>")]
    [InlineData("<p:a xmlns:p='urn:p' p:attr=\"v>w\"><p:b>1</p:b>\n  <c/>\n</p:a>")]
    [InlineData("<?xml version='1.0'?><!-- lead --><a>1</a><!-- trail -->\n")]
    [InlineData("<a>   </a>")]
    [InlineData("<a>\n  <b>1</b>\n  <b>2</b>\n</a>")]
    public void TrickyText_ReadsAsXDocumentDoes(string xml) => ReadsAsXDocumentDoes(xml);

    [Fact]
    public void AByteOrderMark_IsSkipped() => QueryXml.Parse("\uFEFF<a>1</a>").Value.Should().Be("1");

    [Theory]
    [InlineData("")]
    [InlineData("text only")]
    [InlineData("<a>")]
    [InlineData("<a></b>")]
    [InlineData("<a>&unknown;</a>")]
    [InlineData("<a>& loose</a>")]
    [InlineData("<a>&#0;</a>")]
    [InlineData("<a attr=unquoted/>")]
    [InlineData("<a/><b/>")]
    [InlineData("<!DOCTYPE a [<!ENTITY e 'boom'>]><a>&e;</a>")]
    public void MalformedOrDtd_IsRefused(string xml)
    {
        var ours = () => QueryXml.Parse(xml);

        ours.Should().Throw<XmlException>();
    }

    [Fact]
    public void MalformedInput_TheReplacedReaderRefusesToo()
    {
        foreach (var xml in new[] { "", "<a>", "<a></b>", "<a>&unknown;</a>", "<a/><b/>", "<a attr=unquoted/>" })
        {
            var theirs = () => XDocument.Parse(xml);
            theirs.Should().Throw<XmlException>(xml);
        }
    }

    [Fact]
    public void RandomDocuments_WrittenByXmlWriter_ReadAsXDocumentDoes()
    {
        var random = new Random(15);
        string[] alphabet = ["a", "b", " ", "<", ">", "&", "\"", "'", "\n", "\r", "\t", "é", "🚀", "]]>"];
        for (var i = 0; i < 300; i++)
        {
            var builder = new StringBuilder();
            using (var writer = XmlWriter.Create(builder, new XmlWriterSettings { Indent = random.Next(2) == 0 }))
            {
                Write(writer, random, alphabet, 0);
            }

            ReadsAsXDocumentDoes(builder.ToString());
        }
    }

    private static void Write(XmlWriter writer, Random random, string[] alphabet, int depth)
    {
        writer.WriteStartElement(depth % 2 == 0 ? "member" : "Value", depth == 0 ? "urn:aws" : null);
        var children = depth < 4 ? random.Next(0, 4) : 0;
        if (children == 0)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 12)).Select(_ => alphabet[random.Next(alphabet.Length)]));
            if (random.Next(4) == 0 && !text.Contains("]]>", StringComparison.Ordinal))
            {
                writer.WriteCData(text);
            }
            else
            {
                writer.WriteString(text);
            }
        }

        for (var c = 0; c < children; c++)
        {
            Write(writer, random, alphabet, depth + 1);
        }

        writer.WriteEndElement();
    }
}
