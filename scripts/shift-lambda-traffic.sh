#!/usr/bin/env bash
# Moves a function's alias to a newly published version through CodeDeploy and waits for the outcome.
#
# Terraform runs this (local-exec of the function's traffic-shift resource in the app stack) whenever the function
# publishes a new version in an environment with a canary or linear deployment. CodeDeploy shifts traffic by the
# deployment group's configuration and rolls back when the group's alarms fire; a failed or stopped deployment fails
# this script, and with it the apply, so the pipeline stops with the alias still on the old version.
#
# Needs the AWS CLI v2 and credentials allowed to read the alias and create and read deployments (the environment's
# deploy role). Environment: FUNCTION_NAME, ALIAS, TARGET_VERSION, APPLICATION, DEPLOYMENT_GROUP, AWS_REGION, and
# TIMEOUT_SECONDS (how long to wait before giving up). POLL_SECONDS (default 15) only for tests.
set -euo pipefail

for name in FUNCTION_NAME ALIAS TARGET_VERSION APPLICATION DEPLOYMENT_GROUP AWS_REGION TIMEOUT_SECONDS; do
  if [ -z "${!name:-}" ]; then
    echo "shift-lambda-traffic: $name is not set" >&2
    exit 2
  fi
done
poll="${POLL_SECONDS:-15}"

current="$(aws lambda get-alias --region "$AWS_REGION" --function-name "$FUNCTION_NAME" --name "$ALIAS" \
  --query FunctionVersion --output text)"
if [ "$current" = "$TARGET_VERSION" ]; then
  echo "$FUNCTION_NAME:$ALIAS already serves version $TARGET_VERSION"
  exit 0
fi

appspec="$(printf '{"version":0.0,"Resources":[{"%s":{"Type":"AWS::Lambda::Function","Properties":{"Name":"%s","Alias":"%s","CurrentVersion":"%s","TargetVersion":"%s"}}}]}' \
  "$FUNCTION_NAME" "$FUNCTION_NAME" "$ALIAS" "$current" "$TARGET_VERSION")"
revision="$(printf '{"revisionType":"AppSpecContent","appSpecContent":{"content":"%s"}}' "${appspec//\"/\\\"}")"

deployment="$(aws deploy create-deployment --region "$AWS_REGION" --application-name "$APPLICATION" \
  --deployment-group-name "$DEPLOYMENT_GROUP" --revision "$revision" \
  --description "$FUNCTION_NAME:$ALIAS $current -> $TARGET_VERSION" --query deploymentId --output text)"
echo "$FUNCTION_NAME:$ALIAS $current -> $TARGET_VERSION: CodeDeploy deployment $deployment"

deadline=$((SECONDS + TIMEOUT_SECONDS))
while :; do
  status="$(aws deploy get-deployment --region "$AWS_REGION" --deployment-id "$deployment" \
    --query deploymentInfo.status --output text)"
  case "$status" in
    Succeeded)
      echo "$FUNCTION_NAME:$ALIAS now serves version $TARGET_VERSION"
      exit 0
      ;;
    Failed | Stopped)
      echo "deployment $deployment $status; $FUNCTION_NAME:$ALIAS stays on version $current" >&2
      aws deploy get-deployment --region "$AWS_REGION" --deployment-id "$deployment" \
        --query deploymentInfo.errorInformation --output text >&2 || true
      exit 1
      ;;
  esac
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "deployment $deployment still $status after ${TIMEOUT_SECONDS}s; stopping it (CodeDeploy rolls back)" >&2
    aws deploy stop-deployment --region "$AWS_REGION" --deployment-id "$deployment" --auto-rollback-enabled >&2 || true
    exit 1
  fi
  sleep "$poll"
done
