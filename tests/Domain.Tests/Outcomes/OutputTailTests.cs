using System.Text;
using Wso2Serverless.Domain.Outcomes;

namespace Wso2Serverless.Domain.Tests.Outcomes;

public class OutputTailTests
{
    [Fact]
    public void Of_ShortOutput_KeepsItWithoutColours()
    {
        OutputTail.Of("Notice: done\n\u001b[0;32mInfo: ok\u001b[0m\n").Should().Be("Notice: done\nInfo: ok");
    }

    [Fact]
    public void Of_LongOutputWithErrors_PutsErrorLinesFirstThenTheEnd()
    {
        var sb = new StringBuilder();
        sb.Append("\u001b[1;31mError: first failure\u001b[0m\n");
        for (var i = 0; i < 500; i++)
        {
            sb.Append("Notice: /Stage[main]/Apim/File[conf-").Append(i).Append("]/ensure: defined content\n");
        }

        sb.Append("Error: second failure\n");
        sb.Append("Notice: Applied catalog in 42.17 seconds\n");

        var tail = OutputTail.Of(sb.ToString());

        Encoding.UTF8.GetByteCount(tail).Should().BeLessThanOrEqualTo(OutputTail.MaxBytes);
        tail.Should().StartWith("Error: first failure\nError: second failure\n[...]\n");
        tail.Should().EndWith("Notice: Applied catalog in 42.17 seconds");
    }

    [Fact]
    public void Of_ManyErrorLines_StillFitsAndLeavesRoomForTheEnd()
    {
        var output = string.Concat(Enumerable.Range(0, 300).Select(i => $"Error: failure number {i}\n")) + "Notice: the end\n";

        var tail = OutputTail.Of(output);

        Encoding.UTF8.GetByteCount(tail).Should().BeLessThanOrEqualTo(OutputTail.MaxBytes);
        tail.Should().StartWith("Error: failure number 0");
        tail.Should().EndWith("Notice: the end");
    }

    [Fact]
    public void Of_MultiByteText_NeverSplitsACharacterAndCountsBytes()
    {
        var output = string.Concat(Enumerable.Range(0, 1500).Select(_ => "ü€😀"));

        var tail = OutputTail.Of(output);

        Encoding.UTF8.GetByteCount(tail).Should().BeLessThanOrEqualTo(OutputTail.MaxBytes);
        tail.Should().NotContain("\uFFFD");
        tail.Should().EndWith("😀");
        char.IsLowSurrogate(tail[0]).Should().BeFalse();
    }

    [Fact]
    public void FirstBytes_StopsBeforeAWideCharacter()
    {
        OutputTail.FirstBytes("ab€", 4).Should().Be("ab");
        OutputTail.FirstBytes("ab€", 5).Should().Be("ab€");
    }

    [Fact]
    public void ErrorLines_FindsPuppetErrorsOnly()
    {
        OutputTail.ErrorLines("Info: x\n  Error: y\nNotice: Error: not at start\n").Should().Equal("Error: y");
    }
}
