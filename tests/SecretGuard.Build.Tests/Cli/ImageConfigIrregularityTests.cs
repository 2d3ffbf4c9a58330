using SecretGuard.ImageReading;

namespace SecretGuard.Tests.Cli;

/// <summary>A config field that is not what the image spec says is named, and its value still read, never skipped.</summary>
[TestClass]
public sealed class ImageConfigIrregularityTests
{
    [TestMethod]
    public void An_Env_entry_that_is_a_number_or_an_object_is_named_and_its_text_kept()
    {
        var config = ImageConfig.Parse("""{"config":{"Env":["PATH=/usr/bin",42,{"TOKEN":"x"}]}}""");

        CollectionAssert.AreEqual(new[] { "PATH=/usr/bin", "42", "{\"TOKEN\":\"x\"}" }, config.Env.ToArray());
        CollectionAssert.AreEqual(new[] { "config.Env[1] is a number, not a string", "config.Env[2] is an object, not a string" }, config.Irregularities.ToArray());
    }

    [TestMethod]
    public void A_label_that_is_not_a_string_and_fields_of_the_wrong_kind_are_named()
    {
        var config = ImageConfig.Parse("""{"config":{"Env":"A=1","Labels":{"ok":"v","n":7},"Entrypoint":[true],"Cmd":null},"history":[{"created_by":5},"x"]}""");

        CollectionAssert.AreEqual(
            new[]
            {
                "history step 1 created_by is a number, not a string",
                "history step 2 is a string, not an object",
                "config.Labels[\"n\"] is a number, not a string",
                "config.Env is a string, not an array of strings",
                "config.Entrypoint[0] is a boolean, not a string",
            },
            config.Irregularities.ToArray());
        Assert.AreEqual("7", config.Labels.Single(l => l.Key == "n").Value);
        Assert.IsEmpty(config.Env, "a field of the wrong kind is reported (SG0001), its value not guessed at");
    }

    [TestMethod]
    public void A_config_as_the_spec_says_has_none()
    {
        var config = ImageConfig.Parse("""{"config":{"Env":["A=1"],"Labels":{"k":"v"},"Entrypoint":["/app"],"Cmd":null},"history":[{"created_by":"ADD x /","empty_layer":false}]}""");

        Assert.IsEmpty(config.Irregularities);
    }
}
