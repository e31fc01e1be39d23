using System.Text.Json;

namespace Wso2Serverless.Cli.Commands;

/// <summary>
/// Reads a request file and checks only that it is a JSON object: what it must contain is the
/// API's to say (the same validator Accept uses), so the CLI never disagrees with it.
/// </summary>
public static class RequestFile
{
    public static byte[] Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = path == "-" ? ReadStdin() : File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot read request file '{path}': {ex.Message}");
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new UsageException($"{path}: the request must be a JSON object.");
            }
        }
        catch (JsonException ex)
        {
            throw new UsageException($"{path}: not valid JSON (line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}).");
        }

        return bytes;
    }

    private static byte[] ReadStdin()
    {
        using var buffer = new MemoryStream();
        Console.OpenStandardInput().CopyTo(buffer);
        return buffer.ToArray();
    }
}
