namespace SecretGuard.Tests.Detection;

[TestClass]
public sealed class AwsRulesTests
{
    [TestMethod]
    public void Finds_access_key_id_in_env()
    {
        var id = TestSecrets.AwsKeyId();
        RuleAssert.Finds("SG1002", "AWS_ACCESS_KEY_ID=" + id, id);
    }

    [TestMethod]
    public void Finds_access_key_id_in_json()
    {
        var id = TestSecrets.AwsKeyId(seed: 9);
        RuleAssert.Finds("SG1002", "{ \"AccessKeyId\": \"" + id + "\" }", id);
    }

    [TestMethod]
    public void Documented_example_key_id_is_not_a_finding() => RuleAssert.Clean("aws_access_key_id = AKIAIOSFODNN7" + "EXAMPLE");

    [TestMethod]
    public void Key_id_inside_a_longer_word_is_not_a_finding() => RuleAssert.Clean("id=XAKIA" + TestSecrets.AwsKeyId()[4..] + "Z9");

    [TestMethod]
    public void Finds_secret_access_key_in_credentials_file()
    {
        var secret = TestSecrets.AwsSecret();
        RuleAssert.Finds("SG1003", "[default]\naws_secret_access_key = " + secret + "\n", secret);
    }

    [TestMethod]
    public void Finds_secret_access_key_in_env()
    {
        var secret = TestSecrets.AwsSecret(seed: 12);
        RuleAssert.Finds("SG1003", "AWS_SECRET_ACCESS_KEY=" + secret, secret);
    }

    [TestMethod]
    public void Documented_example_secret_is_not_a_finding() =>
        RuleAssert.Clean("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + "EXAMPLEKEY");

    [TestMethod]
    public void Secret_file_reference_is_not_a_finding() => RuleAssert.Clean("AWS_SECRET_ACCESS_KEY_FILE=/run/secrets/aws_secret");
}
