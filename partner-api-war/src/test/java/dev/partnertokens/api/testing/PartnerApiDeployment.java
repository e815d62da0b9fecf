package dev.partnertokens.api.testing;

import java.io.File;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR exactly as Maven built it, for {@code @Deployment(testable = false)}. */
public final class PartnerApiDeployment {

    private PartnerApiDeployment() {
    }

    public static WebArchive builtByMaven() {
        File war = new File(System.getProperty("partner-api.war", "target/partner-api.war"));
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }
}
