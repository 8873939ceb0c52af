#!/usr/bin/env python3
"""Writes the Config item pairs of Fixtures/config-rules/ (see README.md there).

Each scenario is a base file and a target file (`<name>.base.json`, `<name>.target.json`) in the
shapes AWS Config writes: S3 history files (`fileVersion` + `configurationItems`, S3 spelling) and,
for partial items, `select-resource-config` output. Modelled on the public reports cited in
README.md; every id, account and address is invented (account 111122223333, documentation ranges).
Deterministic: Python 3 standard library only."""
import copy
import json
import os
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
ACCOUNT = "111122223333"
REGION = "us-east-1"


def item(resource_type, resource_id, configuration, *, name=None, arn=None, tags=None, relationships=None,
         supplementary=None, capture="2026-11-01T03:00:00.000Z", state_id=1793502000000):
    return {
        "relatedEvents": [],
        "relationships": relationships or [],
        "configuration": configuration,
        "supplementaryConfiguration": supplementary or {},
        "tags": tags or {},
        "configurationItemVersion": "1.3",
        "configurationItemCaptureTime": capture,
        "configurationStateId": state_id,
        "awsAccountId": ACCOUNT,
        "configurationItemStatus": "OK",
        "resourceType": resource_type,
        "resourceId": resource_id,
        "resourceName": name,
        "ARN": arn,
        "awsRegion": REGION,
        "availabilityZone": "Not Applicable",
        "configurationStateMd5Hash": "",
    }


def later(ci):
    """The same item captured two weeks later (capture time and state id are noise)."""
    ci = copy.deepcopy(ci)
    ci["configurationItemCaptureTime"] = "2026-11-15T03:00:00.000Z"
    ci["configurationStateId"] = ci["configurationStateId"] + 1209600000
    return ci


def history(*items):
    return {"fileVersion": "1.0", "configurationItems": list(items)}


def write(name, document):
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as handle:
        json.dump(document, handle, indent=2, ensure_ascii=False)
        handle.write("\n")


def rel(resource_type, resource_id, name):
    return {"resourceId": resource_id, "resourceName": None, "resourceType": resource_type, "name": name}


# --- Security group: reordered rules and ranges plus one added CIDR (puppetlabs-aws #38,
# inspec #3602, cloud-custodian #1221) -----------------------------------------------------------

def permission(protocol, from_port, to_port, cidrs=(), groups=(), prefix_lists=(), ipv6=()):
    rule = {"ipProtocol": protocol, "ipv6Ranges": [{"cidrIpv6": c} for c in ipv6],
            "prefixListIds": [{"prefixListId": p} for p in prefix_lists],
            "userIdGroupPairs": [{"groupId": g, "userId": ACCOUNT} for g in groups],
            "ipv4Ranges": [dict({"cidrIp": c}, **({"description": d} if d else {})) for c, d in cidrs],
            "ipRanges": [c for c, _ in cidrs]}
    if from_port is not None:
        rule["fromPort"] = from_port
        rule["toPort"] = to_port
    return rule


SG_ID = "sg-0a1b2c3d4e5f60718"
sg_base = item("AWS::EC2::SecurityGroup", SG_ID, {
    "description": "web tier", "groupName": "web-tier", "ownerId": ACCOUNT, "groupId": SG_ID,
    "vpcId": "vpc-0b7e4c1a9d2f3e586", "tags": [{"key": "Name", "value": "web-tier"}],
    "ipPermissions": [
        permission("tcp", 443, 443, [("10.30.0.0/16", None), ("10.40.0.0/16", None), ("172.16.0.0/12", "partner VPN")]),
        permission("tcp", 22, 22, [("10.30.0.0/16", "bastion")]),
        permission("tcp", 8000, 8100, groups=["sg-0ffe1d2c3b4a59687", "sg-0c0ffee0c0ffee001"]),
        permission("icmp", -1, -1, [("10.0.0.0/8", None)]),
        permission("udp", 53, 53, [("10.0.0.0/8", None)], ipv6=["2001:db8::/32"]),
    ],
    "ipPermissionsEgress": [
        permission("-1", None, None, [("0.0.0.0/0", None)]),
        permission("tcp", 443, 443, prefix_lists=["pl-63a5400a"]),
    ],
}, name="web-tier", arn=f"arn:aws:ec2:{REGION}:{ACCOUNT}:security-group/{SG_ID}", tags={"Name": "web-tier"},
    relationships=[rel("AWS::EC2::VPC", "vpc-0b7e4c1a9d2f3e586", "Is contained in Vpc")])

sg_target = later(sg_base)
conf = sg_target["configuration"]
conf["ipPermissions"] = [conf["ipPermissions"][i] for i in (3, 2, 4, 0, 1)]
for rule in conf["ipPermissions"]:
    rule["ipv4Ranges"].reverse()
    rule["ipRanges"].reverse()
    rule["userIdGroupPairs"].reverse()
https = conf["ipPermissions"][3]
https["ipv4Ranges"].insert(1, {"cidrIp": "192.0.2.0/24"})
https["ipRanges"].insert(1, "192.0.2.0/24")
conf["ipPermissionsEgress"].reverse()
write("sg-reorder-one-cidr.base.json", history(sg_base))
write("sg-reorder-one-cidr.target.json", history(sg_target))


# --- IAM: URL-encoded policy documents, inline policies by name, attached by ARN, versions by id
# (flanksource/config-db #126, #604) ----------------------------------------------------------------

def encode(document, compact=True, sort=False):
    text = json.dumps(document, separators=(",", ":") if compact else (", ", ": "), sort_keys=sort)
    return urllib.parse.quote(text, safe="")


trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
                                                  "Action": "sts:AssumeRole"}]}
trust_reencoded = {"Statement": {"Action": ["sts:AssumeRole"], "Principal": {"Service": ["ec2.amazonaws.com"]},
                                 "Effect": "Allow"}, "Version": "2012-10-17"}
read_policy = {"Version": "2012-10-17", "Statement": [
    {"Sid": "ReadBuckets", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"],
     "Resource": ["arn:aws:s3:::app-assets", "arn:aws:s3:::app-assets/*"]}]}
logs_policy = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Resource": "*"}]}
read_policy_v2 = copy.deepcopy(read_policy)
read_policy_v2["Statement"].append({"Sid": "WriteReports", "Effect": "Allow", "Action": "s3:PutObject",
                                    "Resource": "arn:aws:s3:::app-reports/*"})
logs_policy_v2 = copy.deepcopy(logs_policy)
logs_policy_v2["Statement"][0]["Action"] = ["logs:PutLogEvents", "logs:CreateLogStream", "logs:CreateLogGroup"]

ROLE = "AROA4D041B412B7557319"
role_base = item("AWS::IAM::Role", ROLE, {
    "path": "/", "roleName": "app-server", "roleId": ROLE, "arn": f"arn:aws:iam::{ACCOUNT}:role/app-server",
    "createDate": "2026-03-14T20:00:00.000Z", "assumeRolePolicyDocument": encode(trust),
    "instanceProfileList": [{"instanceProfileName": "app-server", "instanceProfileId": "AIPA4D041B412B7557319",
                             "arn": f"arn:aws:iam::{ACCOUNT}:instance-profile/app-server", "path": "/"}],
    "rolePolicyList": [{"policyName": "read-assets", "policyDocument": encode(read_policy)},
                       {"policyName": "ship-logs", "policyDocument": encode(logs_policy)}],
    "attachedManagedPolicies": [
        {"policyName": "AmazonSSMManagedInstanceCore", "policyArn": "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"},
        {"policyName": "CloudWatchAgentServerPolicy", "policyArn": "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy"},
        {"policyName": "ReadOnlyAccess", "policyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}],
    "permissionsBoundary": None, "tags": [],
}, name="app-server", arn=f"arn:aws:iam::{ACCOUNT}:role/app-server")
role_base["awsRegion"] = "global"
role_target = later(role_base)
conf = role_target["configuration"]
conf["assumeRolePolicyDocument"] = encode(trust_reencoded, compact=False, sort=True)
conf["rolePolicyList"] = [{"policyName": "ship-logs", "policyDocument": encode(logs_policy_v2)},
                          {"policyName": "read-assets", "policyDocument": encode(read_policy_v2)}]
conf["attachedManagedPolicies"] = [conf["attachedManagedPolicies"][i] for i in (2, 0)]
write("iam-role.base.json", history(role_base))
write("iam-role.target.json", history(role_target))

POLICY = "ANPA4D041B412B7557320"
def version(number, document, default):
    return {"document": encode(document), "versionId": f"v{number}", "isDefaultVersion": default,
            "createDate": f"2026-0{number}-01T00:00:00.000Z"}
policy_base = item("AWS::IAM::Policy", POLICY, {
    "policyName": "deploy", "policyId": POLICY, "arn": f"arn:aws:iam::{ACCOUNT}:policy/deploy", "path": "/",
    "defaultVersionId": "v2", "attachmentCount": 1, "isAttachable": True,
    "policyVersionList": [version(1, read_policy, False), version(2, logs_policy, True)],
}, name="deploy", arn=f"arn:aws:iam::{ACCOUNT}:policy/deploy")
policy_target = later(policy_base)
conf = policy_target["configuration"]
conf["defaultVersionId"] = "v3"
conf["policyVersionList"] = [version(3, logs_policy_v2, True), dict(version(2, logs_policy, False))]
write("iam-policy.base.json", history(policy_base))
write("iam-policy.target.json", history(policy_target))


# --- S3 bucket policy held as a JSON string in supplementaryConfiguration --------------------------

bucket_policy = {"Version": "2012-10-17", "Statement": [
    {"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
     "Resource": ["arn:aws:s3:::app-assets", "arn:aws:s3:::app-assets/*"],
     "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
    {"Sid": "CloudFrontRead", "Effect": "Allow", "Principal": {"Service": "cloudfront.amazonaws.com"},
     "Action": "s3:GetObject", "Resource": "arn:aws:s3:::app-assets/*"}]}
bucket_policy_v2 = copy.deepcopy(bucket_policy)
bucket_policy_v2["Statement"].reverse()
bucket_policy_v2["Statement"][0]["Principal"] = {"Service": "cloudfront.amazonaws.com",
                                                 "AWS": f"arn:aws:iam::{ACCOUNT}:role/app-server"}
bucket_base = item("AWS::S3::Bucket", "app-assets", {
    "name": "app-assets", "owner": {"displayName": None, "id": "c0ffee"}, "creationDate": "2026-03-14T20:00:00.000Z"},
    name="app-assets", arn="arn:aws:s3:::app-assets", supplementary={
        "BucketPolicy": {"policyText": json.dumps(bucket_policy)},
        "BucketVersioningConfiguration": {"status": "Enabled", "isMfaDeleteEnabled": None}})
bucket_target = later(bucket_base)
bucket_target["supplementaryConfiguration"]["BucketPolicy"]["policyText"] = json.dumps(bucket_policy_v2, indent=4)
write("s3-bucket-policy.base.json", history(bucket_base))
write("s3-bucket-policy.target.json", history(bucket_target))


# --- EC2 instance: one new security group recorded in three places, one tag change recorded twice,
# one volume attached (blockDeviceMappings + relationships) --------------------------------------

INSTANCE = "i-0a3f9c27e81b4d5c6"
ENI = "eni-0a7c3e9f1b5d2c846"
web = {"groupName": "web-tier", "groupId": SG_ID}
mon = {"groupName": "monitoring-agents", "groupId": "sg-07a3e5c1b9d2f4860"}
instance_base = item("AWS::EC2::Instance", INSTANCE, {
    "instanceId": INSTANCE, "instanceType": "t3.medium", "imageId": "ami-0f3c7d07486cad139",
    "state": {"code": 16, "name": "running"}, "subnetId": "subnet-0c8e2f1a4b7d9e350", "vpcId": "vpc-0b7e4c1a9d2f3e586",
    "blockDeviceMappings": [{"deviceName": "/dev/xvda", "ebs": {"attachTime": "2026-03-14T20:05:44.000Z",
                             "deleteOnTermination": True, "status": "attached", "volumeId": "vol-0b2e8d4f6a1c3e597"}}],
    "networkInterfaces": [{"networkInterfaceId": ENI, "groups": [web], "privateIpAddress": "10.20.1.37",
                           "privateIpAddresses": [{"primary": True, "privateIpAddress": "10.20.1.37"}],
                           "subnetId": "subnet-0c8e2f1a4b7d9e350", "status": "in-use"}],
    "securityGroups": [web],
    "tags": [{"key": "Name", "value": "web-01"}, {"key": "CostCenter", "value": "cc-1042"}],
}, name=None, arn=f"arn:aws:ec2:{REGION}:{ACCOUNT}:instance/{INSTANCE}",
    tags={"Name": "web-01", "CostCenter": "cc-1042"},
    relationships=[rel("AWS::EC2::NetworkInterface", ENI, "Contains NetworkInterface"),
                   rel("AWS::EC2::SecurityGroup", SG_ID, "Is associated with SecurityGroup"),
                   rel("AWS::EC2::Volume", "vol-0b2e8d4f6a1c3e597", "Is attached to Volume")])
instance_target = later(instance_base)
conf = instance_target["configuration"]
conf["securityGroups"] = [mon, web]
conf["networkInterfaces"][0]["groups"] = [web, mon]
conf["blockDeviceMappings"].append({"deviceName": "/dev/sdf", "ebs": {"attachTime": "2026-11-10T22:05:11.000Z",
                                    "deleteOnTermination": False, "status": "attached", "volumeId": "vol-0d1e2f3a4b5c6d7e8"}})
conf["tags"] = [{"key": "CostCenter", "value": "cc-2077"}, {"key": "Name", "value": "web-01"}]
instance_target["tags"] = {"CostCenter": "cc-2077", "Name": "web-01"}
instance_target["relationships"] = list(reversed(instance_base["relationships"])) + [
    rel("AWS::EC2::SecurityGroup", "sg-07a3e5c1b9d2f4860", "Is associated with SecurityGroup"),
    rel("AWS::EC2::Volume", "vol-0d1e2f3a4b5c6d7e8", "Is attached to Volume")]
write("ec2-one-fact.base.json", history(instance_base))
write("ec2-one-fact.target.json", history(instance_target))


# --- Partial items: select-resource-config against a whole item -----------------------------------

partial_base = history(instance_base, sg_base)
def select_result(ci, fields):
    """What advanced query returns for one item: the selected properties that it has, nested."""
    result = {}
    for field in fields:
        source = ci
        parts = field.split(".")
        for part in parts:
            source = source.get(part) if isinstance(source, dict) else None
        if source is None:
            continue
        node = result
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = source
    return json.dumps(result, separators=(",", ":"))
fields = ["resourceId", "resourceType", "accountId", "awsRegion", "configuration.instanceType", "configuration.state"]
selected_instance = copy.deepcopy(instance_base)
selected_instance["accountId"] = ACCOUNT
selected_instance["configuration"]["instanceType"] = "t3.large"
selected_sg = copy.deepcopy(sg_base)
selected_sg["accountId"] = ACCOUNT
write("partial-select.base.json", partial_base)
write("partial-select.target.json", {
    "Results": [select_result(selected_instance, fields),
                select_result(selected_sg, fields)],
    "QueryInfo": {"SelectFields": [{"Name": f} for f in fields]},
    "NextToken": ""})


# --- More resource types for the reordering property test (their lists in AWS's shapes) ---------

nacl = item("AWS::EC2::NetworkAcl", "acl-0e1d2c3b4a5968778", {
    "networkAclId": "acl-0e1d2c3b4a5968778", "vpcId": "vpc-0b7e4c1a9d2f3e586", "isDefault": False,
    "associations": [{"networkAclAssociationId": f"aclassoc-0{i}1d2c3b4a596877", "subnetId": f"subnet-0{i}8e2f1a4b7d9e350"}
                     for i in range(3)],
    "entries": [{"ruleNumber": n, "egress": egress, "protocol": "6", "ruleAction": action, "cidrBlock": cidr,
                 "portRange": {"from": port, "to": port}}
                for n, egress, action, cidr, port in [(100, False, "allow", "10.0.0.0/8", 443), (110, False, "allow", "10.0.0.0/8", 22),
                                                      (120, False, "deny", "0.0.0.0/0", 22), (100, True, "allow", "0.0.0.0/0", 443),
                                                      (32767, False, "deny", "0.0.0.0/0", 0), (32767, True, "deny", "0.0.0.0/0", 0)]],
    "tags": [{"key": "Name", "value": "private"}, {"key": "Tier", "value": "app"}],
}, name="private", tags={"Name": "private", "Tier": "app"},
    relationships=[rel("AWS::EC2::Subnet", f"subnet-0{i}8e2f1a4b7d9e350", "Is attached to Subnet") for i in range(3)])
routes = item("AWS::EC2::RouteTable", "rtb-0a9b8c7d6e5f40312", {
    "routeTableId": "rtb-0a9b8c7d6e5f40312", "vpcId": "vpc-0b7e4c1a9d2f3e586",
    "routes": [{"destinationCidrBlock": "10.20.0.0/16", "gatewayId": "local", "origin": "CreateRouteTable", "state": "active"},
               {"destinationCidrBlock": "0.0.0.0/0", "natGatewayId": "nat-0f1e2d3c4b5a69788", "origin": "CreateRoute", "state": "active"},
               {"destinationPrefixListId": "pl-63a5400a", "gatewayId": "vpce-0123456789abcdef0", "origin": "CreateRoute", "state": "active"},
               {"destinationIpv6CidrBlock": "::/0", "egressOnlyInternetGatewayId": "eigw-0a1b2c3d4e5f60718", "origin": "CreateRoute", "state": "active"}],
    "associations": [{"routeTableAssociationId": f"rtbassoc-0{i}a1b2c3d4e5f607", "subnetId": f"subnet-0{i}8e2f1a4b7d9e350", "main": False}
                     for i in range(3)],
    "propagatingVgws": [], "tags": []}, name=None)
function = item("AWS::Lambda::Function", "report-builder", {
    "functionName": "report-builder", "runtime": "python3.12", "handler": "app.handler", "memorySize": 512,
    "layers": [{"arn": f"arn:aws:lambda:{REGION}:{ACCOUNT}:layer:{name}:3", "codeSize": 1024 * (i + 1)}
               for i, name in enumerate(["base-libs", "pandas", "fonts"])],
    "vpcConfig": {"subnetIds": ["subnet-0c8e2f1a4b7d9e350", "subnet-018e2f1a4b7d9e350"],
                  "securityGroupIds": [SG_ID, "sg-07a3e5c1b9d2f4860"]},
    "environment": {"variables": {"STAGE": "prod", "BUCKET": "app-reports"}},
}, name="report-builder", arn=f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:report-builder",
    tags={"team": "reports"}, relationships=[rel("AWS::IAM::Role", "app-server", "Is associated with Role")])
queue = item("AWS::SQS::Queue", f"https://sqs.{REGION}.amazonaws.com/{ACCOUNT}/jobs", {
    "QueueUrl": f"https://sqs.{REGION}.amazonaws.com/{ACCOUNT}/jobs", "VisibilityTimeout": "30",
    "Policy": json.dumps({"Version": "2012-10-17", "Id": "jobs-policy", "Statement": [
        {"Sid": "FromTopic", "Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage",
         "Resource": f"arn:aws:sqs:{REGION}:{ACCOUNT}:jobs",
         "Condition": {"ArnEquals": {"aws:SourceArn": [f"arn:aws:sns:{REGION}:{ACCOUNT}:jobs-a", f"arn:aws:sns:{REGION}:{ACCOUNT}:jobs-b"]}}},
        {"Effect": "Allow", "Principal": {"AWS": [f"arn:aws:iam::{ACCOUNT}:role/app-server", f"arn:aws:iam::{ACCOUNT}:role/worker"]},
         "Action": ["sqs:ReceiveMessage", "sqs:DeleteMessage"], "Resource": f"arn:aws:sqs:{REGION}:{ACCOUNT}:jobs"}]}),
}, name="jobs", arn=f"arn:aws:sqs:{REGION}:{ACCOUNT}:jobs")
write("reorder-corpus.json", history(sg_base, role_base, policy_base, bucket_base, instance_base, nacl, routes, function, queue))
