#include "services/embedded_backend.h"
#include "state/store.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <unistd.h>

using namespace cfnlocal;

TEST(S3PublicAccessBlock, PutGetDelete) {
  auto dir = std::filesystem::temp_directory_path() / ("cfnlocal-pab-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  {
    state::Store store(dir / "state.db");
    services::EmbeddedBackend s3(store, "us-east-1", "123456789012");
    s3.call("s3", "CreateBucket", {{"Bucket", "pab-bucket"}});
    EXPECT_THROW(s3.call("s3", "GetPublicAccessBlock", {{"Bucket", "pab-bucket"}}),
                 services::ServiceError);
    Json config = {{"BlockPublicAcls", true}, {"RestrictPublicBuckets", false}};
    s3.call("s3", "PutPublicAccessBlock",
            {{"Bucket", "pab-bucket"}, {"PublicAccessBlockConfiguration", config}});
    Json out = s3.call("s3", "GetPublicAccessBlock", {{"Bucket", "pab-bucket"}});
    EXPECT_EQ(out["PublicAccessBlockConfiguration"], config);
    EXPECT_THROW(s3.call("s3", "PutPublicAccessBlock",
                         {{"Bucket", "pab-bucket"},
                          {"PublicAccessBlockConfiguration", {{"BlockPublicAcls", "yes"}}}}),
                 services::ServiceError);
    s3.call("s3", "DeletePublicAccessBlock", {{"Bucket", "pab-bucket"}});
    EXPECT_THROW(s3.call("s3", "GetPublicAccessBlock", {{"Bucket", "pab-bucket"}}),
                 services::ServiceError);
  }
  std::filesystem::remove_all(dir);
}
